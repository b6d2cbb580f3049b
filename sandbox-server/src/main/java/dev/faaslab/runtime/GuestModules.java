package dev.faaslab.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The files a JavaScript instance can import: {@code faaslab}, the SDK, and Node's core modules
 * ({@code node:crypto} or {@code crypto}, served as ES modules over {@link NodeLibrary}'s CommonJS ones). GraalJS loads ES modules
 * through the context's file system, so a JavaScript context gets this virtual one, which holds that
 * module and refuses every other path with the same message the sandbox gives without a file system
 * ("Operation is not allowed for: fs"). The host's files stay out of reach; nothing here reads them.
 *
 * <p>A function of several files (a {@link CodePackage}) gets one of its own, which also serves the package's
 * files under {@code /var/task} through {@link PackageModules}: ES modules as they are, CommonJS ones through a
 * stub over {@code require}, a bare name from {@code node_modules}; nothing outside the package.
 *
 * <p>The module itself is three lines that ask the bootstrap for the SDK object, which the bootstrap
 * builds on first use: a function that never imports {@code faaslab} never pays for it.
 */
final class GuestModules implements FileSystem {

    /** What a JavaScript context is given for I/O: this file system and nothing else. */
    static final IOAccess IO = IOAccess.newBuilder().fileSystem(new GuestModules(null)).build();

    static final String SDK_MODULE = "faaslab";
    private static final Path ROOT = Path.of("/var/task");
    /** Where {@code node:x} points; a bare {@code x} resolves to {@code /var/task/x}, and is served the same. */
    private static final Path NODE = Path.of("/var/runtime/node");
    private static final byte[] SDK_SOURCE = ("""
            const sdk = globalThis[Symbol.for('faaslab.sdk')]();
            export const { table, bucket, queue, SdkError } = sdk;
            export default sdk;
            """).getBytes(StandardCharsets.UTF_8);

    private final PackageModules modules;

    private GuestModules(PackageModules modules) {
        this.modules = modules;
    }

    /** The I/O of a function of several files: these modules, the SDK and Node's, nothing else. */
    static IOAccess io(PackageModules modules) {
        return IOAccess.newBuilder().fileSystem(new GuestModules(modules)).build();
    }

    /**
     * The package file a path GraalJS asks for stands for: itself under /var/task, or for a bare name (which
     * GraalJS hands over as a relative path) the package's node_modules. Null if none.
     */
    private String packageFile(Path path) {
        if (modules == null) {
            return null;
        }
        Path absolute = (path.isAbsolute() ? path : ROOT.resolve(path)).normalize();
        if (!absolute.startsWith(ROOT) || absolute.equals(ROOT)) {
            return null;
        }
        String inside = ROOT.relativize(absolute).toString();
        if (modules.files().file(inside).isPresent()) {
            return PackageModules.TASK + inside;
        }
        if (path.isAbsolute()) {
            return null;
        }
        try {
            return modules.resolve(PackageModules.TASK + "index.js", path.toString(), true).orElse(null);
        } catch (PackageModules.Escape e) {
            return null;
        }
    }

    private static boolean isSdk(Path path) {
        Path absolute = path.isAbsolute() ? path : ROOT.resolve(path);
        return absolute.normalize().equals(ROOT.resolve(SDK_MODULE));
    }

    /** The core module a path stands for, if any. */
    private static java.util.Optional<String> builtinAt(Path path) {
        Path absolute = (path.isAbsolute() ? path : ROOT.resolve(path)).normalize();
        Path base = absolute.startsWith(NODE) ? NODE : absolute.startsWith(ROOT) ? ROOT : null;
        if (base == null || absolute.equals(base)) {
            return java.util.Optional.empty();
        }
        String name = base.relativize(absolute).toString();
        return NodeLibrary.builtin(name).isPresent() ? java.util.Optional.of(name) : java.util.Optional.empty();
    }

    private boolean readable(Path path) {
        return isSdk(path) || builtinAt(path).isPresent() || packageFile(path) != null;
    }

    private SecurityException refused(Path path) {
        Path absolute = (path.isAbsolute() ? path : ROOT.resolve(path)).normalize();
        return new SecurityException("Operation is not allowed for: " + path + (modules != null && !absolute.startsWith(ROOT)
                ? " (it is outside the function's package, /var/task: a function's modules load from its own files only)"
                : ""));
    }

    @Override
    public Path parsePath(URI uri) {
        if ("node".equals(uri.getScheme()) && NodeLibrary.builtin("node:" + uri.getSchemeSpecificPart()).isPresent()) {
            return NODE.resolve(uri.getSchemeSpecificPart());
        }
        throw refused(Path.of(uri.getPath() == null ? uri.toString() : uri.getPath()));
    }

    @Override
    public Path parsePath(String path) {
        return Path.of(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        Path absolute = (path.isAbsolute() ? path : ROOT.resolve(path)).normalize();
        if (absolute.startsWith(ROOT) && !absolute.equals(ROOT)
                && NodeLibrary.refusal(ROOT.relativize(absolute).toString()).isPresent()) {
            throw refused(Path.of(ROOT.relativize(absolute).toString())); // import 'fs': said as Node names it
        }
        if (!readable(path) || modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new NoSuchFileException(path.toString());
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) {
        if (!readable(path) || options.contains(java.nio.file.StandardOpenOption.WRITE)
                || options.contains(java.nio.file.StandardOpenOption.APPEND)) {
            throw refused(path);
        }
        if (isSdk(path)) {
            return new ReadOnlyChannel(SDK_SOURCE);
        }
        if (builtinAt(path).isEmpty()) {
            return new ReadOnlyChannel(modules.esModuleBytes(packageFile(path)));
        }
        String name = builtinAt(path).orElseThrow();
        return new ReadOnlyChannel(NodeLibrary.esModule(name, NodeLibrary.builtin(name).orElseThrow()));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        throw new NoSuchFileException(path.toString());
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw refused(dir);
    }

    @Override
    public void delete(Path path) {
        throw refused(path);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
        throw refused(dir);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : ROOT.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) {
        // A bare name's real path is the package file it found, so that that file's own relative imports start there.
        String file = isSdk(path) || builtinAt(path).isPresent() ? null : packageFile(path);
        return file != null ? Path.of(file) : toAbsolutePath(path).normalize();
    }

    /** The module's bytes, read-only. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer into) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(into.remaining(), bytes.length - position);
            into.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer from) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
