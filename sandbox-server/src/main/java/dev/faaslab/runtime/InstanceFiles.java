package dev.faaslab.runtime;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * What a Python instance sees of files, as on Lambda: a writable {@code /tmp} of its own that lasts as long as the
 * instance (in memory, {@link #TMP_BYTES} at most), the time zone database read-only (so that {@code zoneinfo}
 * works), {@code /var/task} as the working directory, and nothing else: every other path is refused. The
 * language's own files (GraalPy's standard library) stay readable through the polyglot API's resource access.
 */
final class InstanceFiles implements FileSystem, AutoCloseable {

    /** Lambda gives 512 MB of /tmp on disk by default; here it is the server's memory, so each instance gets this much. */
    static final long TMP_BYTES = 32L << 20;

    private static final Path TMP = Path.of("/tmp");
    private static final Path ZONES = Path.of("/usr/share/zoneinfo");
    /** The zone folder's real path, read once: every zone file read checks that it stays inside it. */
    private static final Path ZONES_REAL = realZones();
    private static final Path TASK = Path.of("/var/task");

    private final java.nio.file.FileSystem memory;
    /** The function's package at /var/task, shared read-only by its instances; null for one file. */
    private final java.nio.file.FileSystem task;

    private InstanceFiles(long tmpBytes, java.nio.file.FileSystem task) {
        memory = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(tmpBytes).setWorkingDirectory("/tmp")
                .build());
        this.task = task;
    }

    /** A package's files at /var/task of a file system of their own, for {@link #create(java.nio.file.FileSystem)}. */
    static java.nio.file.FileSystem folderOf(CodePackage code) {
        java.nio.file.FileSystem folder = Jimfs.newFileSystem(Configuration.unix());
        try {
            for (var file : code.files().entrySet()) {
                Path path = folder.getPath(TASK.toString(), file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return folder;
    }

    private static Path realZones() {
        try {
            return ZONES.toRealPath();
        } catch (IOException e) {
            return ZONES; // no time zone database on this machine: a zone file's real path then never exists
        }
    }

    /** A new instance's files, and the I/O access that gives them to its context. */
    static InstanceFiles create(java.nio.file.FileSystem task) {
        return new InstanceFiles(TMP_BYTES, task);
    }

    IOAccess io() {
        return IOAccess.newBuilder().fileSystem(FileSystem.allowInternalResourceAccess(this)).build();
    }

    /** Where a path is kept: in this instance's memory, on the host's zone files (read-only), or nowhere. */
    private sealed interface Place permits InMemory, Zones, Task {
    }

    /** A path of the function's package, read-only. */
    private record Task(Path path) implements Place {
    }

    private record InMemory(Path path) implements Place {
    }

    private record Zones(Path path) implements Place {
    }

    private Place place(Path path) throws IOException {
        Path absolute = toAbsolutePath(path).normalize();
        if (absolute.startsWith(TMP)) {
            return new InMemory(memory.getPath(absolute.toString()));
        }
        if (absolute.startsWith(ZONES)) {
            return new Zones(absolute);
        }
        if (task != null && absolute.startsWith(TASK)) {
            return new Task(task.getPath(absolute.toString()));
        }
        throw new AccessDeniedException(path.toString(), null, "FaaS Lab functions can write /tmp and read nothing"
                + " else of the file system (as on Lambda, /tmp is the instance's own, and lasts while it is warm)");
    }

    /** A zone file's real path, which must still be among the zone files (a link out of them is refused). */
    private static Path zoneFile(Zones zones, boolean write) throws IOException {
        if (write) {
            throw new AccessDeniedException(zones.path().toString(), null, "the time zone database is read-only");
        }
        Path real = zones.path().toRealPath();
        if (!real.startsWith(ZONES_REAL)) {
            throw new AccessDeniedException(zones.path().toString());
        }
        return real;
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new UnsupportedOperationException("only file: URIs name files");
        }
        return Path.of(uri.getPath());
    }

    @Override
    public Path parsePath(String path) {
        return Path.of(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        switch (place(path)) {
            case InMemory m -> m.path().getFileSystem().provider().checkAccess(m.path(), modes.toArray(AccessMode[]::new));
            case Zones z -> zoneFile(z, modes.contains(AccessMode.WRITE));
            case Task t -> t.path().getFileSystem().provider().checkAccess(readOnly(t, modes.contains(AccessMode.WRITE)),
                    modes.toArray(AccessMode[]::new));
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        switch (place(dir)) {
            case InMemory m -> Files.createDirectory(m.path());
            case Zones z -> zoneFile(z, true);
            case Task t -> readOnly(t, true);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        switch (place(path)) {
            case InMemory m -> Files.delete(m.path());
            case Zones z -> zoneFile(z, true);
            case Task t -> readOnly(t, true);
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        return switch (place(path)) {
            case InMemory m -> new Bounded(Files.newByteChannel(m.path(), options), path);
            case Zones z -> Files.newByteChannel(zoneFile(z, write), StandardOpenOption.READ);
            case Task t -> Files.newByteChannel(readOnly(t, write || options.contains(StandardOpenOption.CREATE)
                    || options.contains(StandardOpenOption.CREATE_NEW)), StandardOpenOption.READ);
        };
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        DirectoryStream<Path> listed = switch (place(dir)) {
            case InMemory m -> Files.newDirectoryStream(m.path());
            case Zones z -> Files.newDirectoryStream(zoneFile(z, false));
            case Task t -> Files.newDirectoryStream(t.path());
        };
        Path base = toAbsolutePath(dir).normalize();
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> names = listed.iterator();
                return new Iterator<>() {
                    private Path next = advance();

                    private Path advance() {
                        while (names.hasNext()) {
                            Path candidate = base.resolve(names.next().getFileName().toString());
                            try {
                                if (filter.accept(candidate)) {
                                    return candidate;
                                }
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Path next() {
                        Path current = next;
                        if (current == null) {
                            throw new java.util.NoSuchElementException();
                        }
                        next = advance();
                        return current;
                    }
                };
            }

            @Override
            public void close() throws IOException {
                listed.close();
            }
        };
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return switch (place(path)) {
            case InMemory m -> Files.readAttributes(m.path(), attributes, options);
            case Zones z -> Files.readAttributes(zoneFile(z, false), attributes);
            case Task t -> Files.readAttributes(t.path(), attributes, options);
        };
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        switch (place(path)) {
            case InMemory m -> Files.setAttribute(m.path(), attribute, value, options);
            case Zones z -> zoneFile(z, true);
            case Task t -> readOnly(t, true);
        }
    }

    @Override
    public void move(Path source, Path target, java.nio.file.CopyOption... options) throws IOException {
        if (place(source) instanceof InMemory from && place(target) instanceof InMemory to) {
            Files.move(from.path(), to.path(), options);
        } else {
            throw new AccessDeniedException(source.toString(), target.toString(), "files move within /tmp only");
        }
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : TASK.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return switch (place(path)) {
            case InMemory m -> Path.of(m.path().toRealPath(linkOptions).toString());
            case Zones z -> zoneFile(z, false);
            case Task t -> Path.of(t.path().toRealPath(linkOptions).toString());
        };
    }

    /** A package path, if nothing is to be written to it: the package is read-only, as Lambda's /var/task. */
    private static Path readOnly(Task task, boolean write) throws IOException {
        if (write) {
            throw new AccessDeniedException(task.path().toString(), null, "the function's package (/var/task) is"
                    + " read-only, as on Lambda: write to /tmp");
        }
        return task.path();
    }

    @Override
    public Path getTempDirectory() {
        return TMP;
    }

    @Override
    public void close() throws IOException {
        memory.close();
    }

    /** A /tmp file's channel, whose "disk full" says what the limit is. */
    private record Bounded(SeekableByteChannel channel, Path path) implements SeekableByteChannel {

        @Override
        public int write(ByteBuffer source) throws IOException {
            try {
                return channel.write(source);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("space")) {
                    throw new IOException("No space left on device: " + path + " (FaaS Lab gives an instance " + (TMP_BYTES >> 20)
                            + " MB of /tmp, in memory; Lambda's default is 512 MB on disk)", e);
                }
                throw e;
            }
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return channel.read(destination);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long position) throws IOException {
            channel.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
