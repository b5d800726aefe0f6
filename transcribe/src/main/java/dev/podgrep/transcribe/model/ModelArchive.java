package dev.podgrep.transcribe.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A downloaded model zip, unpacked safely: every entry name is checked before anything is written, and an entry
 * that would land outside the target directory ({@code ..} segments, absolute paths, drive letters — "zip slip")
 * refuses the whole archive. macOS metadata ({@code __MACOSX/}) is left out.
 */
final class ModelArchive {

    private ModelArchive() {
    }

    /** An archive that cannot be unpacked; the message says why for a user. */
    static final class UnpackException extends IOException {
        UnpackException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Unpacks {@code zip} into the empty directory {@code into} and returns the model's root: the single top-level
     * folder when the archive has exactly one (as official model zips do: {@code vosk-model-small-en-us-0.15/}),
     * else {@code into} itself.
     *
     * @throws UnpackException when the file is not a zip or an entry is unsafe (the entry is named)
     * @throws IOException     when writing fails
     */
    static Path unpack(Path zip, Path into) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = archive.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                checkSafe(entry.getName(), into);
                if (!isMacMetadata(entry.getName())) {
                    entries.add(entry);
                }
            }
            for (ZipEntry entry : entries) {
                Path target = into.resolve(entry.getName().replace('\\', '/')).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target); // a second entry of the same name fails here rather than overwrite
                    }
                }
            }
        } catch (ZipException e) {
            throw new UnpackException("the download is not a valid zip archive (" + e.getMessage() + ")", e);
        }
        try (Stream<Path> children = Files.list(into)) {
            List<Path> top = children.toList();
            return top.size() == 1 && Files.isDirectory(top.getFirst()) ? top.getFirst() : into;
        }
    }

    private static void checkSafe(String name, Path into) throws UnpackException {
        String normalized = name.replace('\\', '/');
        boolean absolute = normalized.startsWith("/") || normalized.matches("[A-Za-z]:.*");
        boolean climbs = Arrays.asList(normalized.split("/")).contains("..");
        boolean inside;
        try {
            inside = into.resolve(normalized).normalize().startsWith(into);
        } catch (InvalidPathException e) {
            throw new UnpackException("refusing the zip: its entry '" + name + "' is not a valid file name", e);
        }
        if (absolute || climbs || !inside) {
            throw new UnpackException("refusing the zip: its entry '" + name + "' would be written outside the model"
                    + " directory (" + (absolute ? "absolute path" : "'..' in the path") + ")", null);
        }
    }

    private static boolean isMacMetadata(String name) {
        return name.startsWith("__MACOSX/") || name.equals("__MACOSX");
    }
}
