package dev.geminibot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class-data archive the run script asks for (README, "Run it, test it"): when the script finds no archive
 * beside the jar, it starts the JVM with {@code -XX:+RecordDynamicDumpInfo -Dbot.classArchive=<file>}, and the
 * bot writes the archive once it has answered, so that it holds the classes of a start and of a whole answer.
 * Later starts map them from the archive instead of loading and verifying them from the jar. Written by the bot
 * rather than at exit ({@code -XX:+AutoCreateSharedArchive}), because a first run that fails to start would
 * leave an archive of almost nothing, which the JVM would then keep using.
 */
final class ClassArchive {
    static final String PROPERTY = "bot.classArchive";
    private static final Logger log = LoggerFactory.getLogger(ClassArchive.class);

    private final Path file;

    private ClassArchive(Path file) {
        this.file = file;
    }

    /** The archive the script asked for, if it did. */
    static Optional<ClassArchive> requested() {
        String file = System.getProperty(PROPERTY);
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(new ClassArchive(Path.of(file)));
    }

    /** Writes the archive (the JVM pauses for a few hundred milliseconds); a failure only costs later starts time. */
    void save() {
        long started = System.nanoTime();
        try {
            // what "jcmd <pid> VM.cds dynamic_dump <file>" does, without a second process
            Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", file.toString()}},
                    new String[] {String[].class.getName()});
            String said = String.valueOf(result).strip();
            if (said.contains("should run with") || said.toLowerCase(java.util.Locale.ROOT).contains("error")) {
                log.warn("Could not save the class-data archive {}: {}", file, said);
                return;
            }
            log.info("Saved the class-data archive {} in {} ms: later starts are shorter", file,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (JMException | RuntimeException e) {
            log.warn("Could not save the class-data archive {}: {}", file, e.toString());
        }
    }
}
