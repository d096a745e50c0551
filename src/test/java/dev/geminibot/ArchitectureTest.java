package dev.geminibot;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules, one per package: what each room of the bot may import. The path of a message is
 * telegram.inbound → delivery → requests → conversation → (gemini, store) and back out through
 * telegram.outbound; inner rooms never import outer ones, and no two adapters know each other.
 */
@AnalyzeClasses(packages = "dev.geminibot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String BOT = "dev.geminibot.";
    private static final String[] JDK = {"java..", "javax..", "jdk..", "org.slf4j.."};

    @ArchTest
    static final ArchRule core_and_requests_import_no_telegram_mapdb_or_http_client = noClasses()
            .that().resideInAnyPackage(BOT + "conversation..", BOT + "requests..", BOT + "delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("org.telegram..", "org.mapdb..", "okhttp3..");

    @ArchTest
    static final ArchRule conversation_uses_only_langchain4j = only(BOT + "conversation", "dev.langchain4j..");

    @ArchTest
    static final ArchRule delivery_uses_nothing_but_the_jdk = only(BOT + "delivery");

    @ArchTest
    static final ArchRule support_uses_nothing_but_the_jdk = only(BOT + "support");

    @ArchTest
    static final ArchRule requests_use_the_core_and_delivery = only(BOT + "requests",
            BOT + "conversation", BOT + "delivery", BOT + "support", "io.github.bucket4j..");

    @ArchTest
    static final ArchRule telegram_format_uses_only_commonmark = only(BOT + "telegram.format", "org.commonmark..");

    @ArchTest
    static final ArchRule telegram_inbound_turns_updates_into_requests = only(BOT + "telegram.inbound",
            BOT + "requests", BOT + "delivery", BOT + "conversation", BOT + "support",
            "org.telegram..", "okhttp3..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule telegram_outbound_sends_for_requests = only(BOT + "telegram.outbound",
            BOT + "requests", BOT + "telegram.format", BOT + "support",
            "org.telegram..", "io.github.bucket4j..", "com.fasterxml.jackson.annotation..");

    @ArchTest
    static final ArchRule telegram_files_fetch_attachments_for_the_core = only(BOT + "telegram.files",
            BOT + "conversation", BOT + "telegram.outbound", BOT + "support", "org.telegram..", "okhttp3..");

    @ArchTest
    static final ArchRule gemini_adapter_knows_only_the_core = only(BOT + "gemini",
            BOT + "conversation", BOT + "config", BOT + "support", "dev.langchain4j..", "io.github.resilience4j..",
            "com.fasterxml.jackson..");

    /** The store implements ports of the core, of delivery and of the use cases (UsageLedger, ...). */
    @ArchTest
    static final ArchRule store_adapter_knows_only_the_core_and_delivery = only(BOT + "store",
            BOT + "conversation", BOT + "delivery", BOT + "requests", BOT + "support", "org.mapdb..", "dev.langchain4j..",
            "org.eclipse.collections..", "kotlin..");

    @ArchTest
    static final ArchRule metrics_adapter_implements_the_requests_port = only(BOT + "metrics",
            BOT + "requests", "io.micrometer..", "dev.langchain4j..", "com.sun.net.httpserver..");

    @ArchTest
    static final ArchRule config_uses_only_typesafe_config = only(BOT + "config", "com.typesafe.config..");

    @ArchTest
    static final ArchRule logging_uses_only_logback = only(BOT + "logging", "ch.qos.logback..");

    /** Classes in {@code pkg} depend only on the JDK, SLF4J, their own package and {@code allowed}. */
    private static ArchRule only(String pkg, String... allowed) {
        String[] packages = new String[JDK.length + allowed.length + 1];
        System.arraycopy(JDK, 0, packages, 0, JDK.length);
        System.arraycopy(allowed, 0, packages, JDK.length, allowed.length);
        packages[packages.length - 1] = pkg;
        return classes().that().resideInAPackage(pkg)
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages)
                .allowEmptyShould(true);
    }
}
