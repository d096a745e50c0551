package dev.geminibot.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Conversations are private: the data directory and its files are created readable by the owner only. */
final class FilePermissions {
    private static final boolean POSIX = Path.of(".").getFileSystem().supportedFileAttributeViews().contains("posix");

    private FilePermissions() {
    }

    /** Creates {@code dir} (and missing parents) as rwx------ unless it exists. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, attribute("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates {@code file} as rw------- unless it exists. */
    static void createPrivateFile(Path file) throws IOException {
        try {
            if (POSIX) {
                Files.createFile(file, attribute("rw-------"));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // kept as it is: the operator may have chosen other permissions
        }
    }

    private static FileAttribute<?> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
