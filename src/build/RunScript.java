import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Build step of {@code mvn package} (run as a source file by the JDK Maven's toolchain chose): writes the shell
 * script named by its argument, which runs the jar beside it on that same JDK. So the bot runs on Java 21+ where
 * the default {@code java} is older, and as the script's own process: Ctrl-C reaches it, its output and exit
 * status are the operator's, with no Maven report around them. The Docker image runs the same script.
 */
public final class RunScript {
    /**
     * Serial GC with a small initial heap: no concurrent GC threads or G1 remembered sets, and the heap grows
     * from 16 MB only as far as the live data needs (the JVM's default start is 1/64 of the machine's memory,
     * all of it touched by the first burst). Two JIT threads and a bounded code cache: C2's arenas and code are
     * the largest native cost once warm.
     */
    private static final String JVM_OPTIONS = "-XX:+UseSerialGC -Xms16m -XX:CICompilerCount=2 "
            + "-XX:ReservedCodeCacheSize=64m";
    /** JDK 25 (JEP 514/515) is the first whose cache holds method profiles and that is made in one run. */
    private static final int FIRST_AOT_JDK = 25;

    public static void main(String[] args) throws IOException {
        Path script = Path.of(args[0]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String name = script.getFileName().toString();
        // a new jar makes the old cache useless (the JVM checks the jar it was made from): the next run makes one
        Files.deleteIfExists(script.resolveSibling(name + ".aot"));
        Files.deleteIfExists(script.resolveSibling(name + ".jsa")); // the dynamic CDS archive of earlier versions
        Files.writeString(script, Runtime.version().feature() >= FIRST_AOT_JDK ? withCache(java, name) : plain(java, name));
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the script is for POSIX shells anyway
        }
    }

    /**
     * The JDK's ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles) is made from
     * the first run: that run records (AOTMode=record), and if it ended well (exit status 0: stopped by SIGTERM
     * or Ctrl-C, not a start-up error) the script assembles the cache from the recording, quietly, before it
     * exits (into a new file, renamed when whole: a stop cut short leaves no half cache); every later run starts
     * from the cache. The first run is therefore not exec'd: the shell waits and
     * passes SIGINT/SIGTERM on (a background job of a non-interactive shell ignores SIGINT itself).
     */
    private static String withCache(String java, String name) {
        return """
                #!/bin/sh
                # Written by mvn package (src/build/RunScript.java): the bot on the JDK Maven's toolchain chose.
                # JVM options for a small footprint (docs/benchmarks.md); JAVA_OPTS adds or overrides.
                # The first run that ends well leaves an ahead-of-time cache (@NAME@.aot) that later runs start from.
                dir="$(dirname "$0")"
                java=@JAVA@
                jar="$dir/@NAME@.jar"
                cache="$dir/@NAME@.aot"
                options="@OPTIONS@ -Xlog:aot=off -Xlog:cds=off"
                # the recording JVM's own line at exit would follow a start-up error's one line; the exit status
                # still tells (3 for an OutOfMemoryError), and later runs print the JVM's messages again
                quiet="-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput"
                export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
                if [ -f "$cache" ]; then
                  exec "$java" $options "-XX:AOTCache=$cache" $JAVA_OPTS -jar "$jar" "$@"
                fi
                "$java" $options -XX:AOTMode=record "-XX:AOTConfiguration=$cache.config" $quiet $JAVA_OPTS -jar "$jar" "$@" &
                pid=$!
                trap 'kill -TERM $pid 2>/dev/null' INT TERM HUP
                status=0
                wait $pid || status=$?
                while kill -0 $pid 2>/dev/null; do status=0; wait $pid || status=$?; done
                trap - INT TERM HUP
                if [ "$status" -eq 0 ] && [ -f "$cache.config" ]; then
                  "$java" $options -XX:AOTMode=create "-XX:AOTConfiguration=$cache.config" "-XX:AOTCache=$cache.new" \\
                    $JAVA_OPTS -jar "$jar" >/dev/null 2>&1 && mv -f "$cache.new" "$cache"
                fi
                rm -f "$cache.config" "$cache.new"
                exit "$status"
                """.replace("@NAME@", name).replace("@JAVA@", quoted(java)).replace("@OPTIONS@", JVM_OPTIONS);
    }

    /** Before JDK 25: the same options, no cache. */
    private static String plain(String java, String name) {
        return """
                #!/bin/sh
                # Written by mvn package (src/build/RunScript.java): the bot on the JDK Maven's toolchain chose.
                # JVM options for a small footprint (docs/benchmarks.md); JAVA_OPTS adds or overrides.
                # A JDK 25 would keep an ahead-of-time cache of the bot's classes: rebuild with it to have one.
                dir="$(dirname "$0")"
                export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
                exec @JAVA@ @OPTIONS@ $JAVA_OPTS -jar "$dir/@NAME@.jar" "$@"
                """.replace("@NAME@", name).replace("@JAVA@", quoted(java)).replace("@OPTIONS@", JVM_OPTIONS);
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
