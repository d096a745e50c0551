import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Build step of {@code mvn package} (run as a source file by the JDK Maven's toolchain chose): writes the shell
 * script named by its argument, which runs the jar beside it on that same JDK. So the bot runs on Java 21+ where
 * the default {@code java} is older, and as the script's own process: Ctrl-C reaches it, its output and exit
 * status are the operator's, with no Maven report around them.
 */
public final class RunScript {
    /**
     * Serial GC: no concurrent GC threads or G1 remembered sets, on a process that keeps little live data. Two
     * JIT threads and a bounded code cache: C2's arenas and code are the largest native cost once warm. The
     * archive of the application's classes (dynamic CDS) is written when the first run exits and mapped by the
     * later ones; one that cannot be used is rewritten quietly. Not written by the bot while it runs
     * ({@code VM.cds dynamic_dump}): on JDK 25.0.3 a lambda created after such a dump crashed the JVM in
     * {@code LambdaProxyClassDictionary::find_lambda_proxy_class}.
     */
    private static final String[] JVM_OPTIONS = {
            "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-XX:ReservedCodeCacheSize=64m",
            "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"};

    public static void main(String[] args) throws IOException {
        Path script = Path.of(args[0]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = script.getFileName() + ".jar";
        String name = script.getFileName().toString();
        // a new jar makes the old archive useless (the JVM checks the jar it was made from): the next run makes one
        Files.deleteIfExists(script.resolveSibling(name + ".jsa"));
        Files.writeString(script, "#!/bin/sh\n"
                + "# Written by mvn package (src/build/RunScript.java): the bot on the JDK Maven's toolchain chose.\n"
                + "# JVM options for a small footprint (docs/benchmarks.md); JAVA_OPTS adds or overrides.\n"
                + "dir=\"$(dirname \"$0\")\"\n"
                + "export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"\n"
                + "exec " + quoted(java) + " " + String.join(" ", JVM_OPTIONS)
                + " \"-XX:SharedArchiveFile=$dir/" + name + ".jsa\" $JAVA_OPTS -jar \"$dir/" + name + ".jar\" \"$@\"\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the script is for POSIX shells anyway
        }
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
