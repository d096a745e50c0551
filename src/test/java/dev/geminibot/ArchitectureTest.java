package dev.geminibot;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rule: the conversation core knows nothing of Telegram, MapDB or the other adapters. */
@AnalyzeClasses(packages = "dev.geminibot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_imports_no_telegram_or_mapdb = noClasses()
            .that().resideInAPackage("dev.geminibot.conversation..")
            .should().dependOnClassesThat().resideInAnyPackage("org.telegram..", "org.mapdb..", "okhttp3..");

    @ArchTest
    static final ArchRule core_imports_no_adapter = noClasses()
            .that().resideInAPackage("dev.geminibot.conversation..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.geminibot.telegram..", "dev.geminibot.store..", "dev.geminibot.gemini..",
                    "dev.geminibot.config..", "dev.geminibot.logging..");

    @ArchTest
    static final ArchRule telegram_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage("dev.geminibot.telegram..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.geminibot.store..", "dev.geminibot.gemini..", "org.mapdb..");

    @ArchTest
    static final ArchRule store_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage("dev.geminibot.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.geminibot.telegram..", "dev.geminibot.gemini..", "org.telegram..");

    @ArchTest
    static final ArchRule gemini_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage("dev.geminibot.gemini..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.geminibot.telegram..", "dev.geminibot.store..", "org.telegram..");
}
