package dev.faaslab.http;

import dev.faaslab.core.WebJars;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /webjars/{library}/{path}}: the browser app's third-party code (the editor, the charts),
 * packed as WebJars on the server's class path, so the app works offline with no Node build.
 *
 * <p>Paths carry no version: the page's import map names {@code /webjars/codemirror__view/dist/index.js},
 * and this handler finds the version the build put on the class path, so upgrading a library is a
 * change to the pom alone. Files are read once and kept: they are a few megabytes in all.
 */
final class WebJarHandler extends Handler.Abstract.NonBlocking {

    static final String PREFIX = "/webjars/";

    // One plain name per segment: no '..', no encoded separators, nothing a class path lookup could misread.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@][A-Za-z0-9._@-]*");

    private final ClassLoader loader = WebJarHandler.class.getClassLoader();
    private final MimeTypes mimeTypes = new MimeTypes();
    private final ConcurrentHashMap<String, Optional<String>> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (!path.startsWith(PREFIX) || request.getHttpURI().hasViolations()
                || !(HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod()))) {
            return false;
        }
        Optional<WebJarFile> file = resolve(path.substring(PREFIX.length()));
        if (file.isEmpty()) {
            return false; // the router answers 404 in the API's error shape
        }
        WebJarFile found = file.get();
        var headers = response.getHeaders();
        String etag = "\"" + found.library() + "@" + found.version() + "\"";
        headers.put(HttpHeader.ETAG, etag);
        // Versionless URLs may change with the next build: browsers may keep a file a day, then ask again.
        headers.put(HttpHeader.CACHE_CONTROL, "public, max-age=86400");
        if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        headers.put(HttpHeader.CONTENT_TYPE, contentType(found.name()));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CONTENT_LENGTH, found.bytes().length);
        response.setStatus(HttpStatus.OK_200);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(found.bytes()), callback);
        return true;
    }

    /** A file found in a WebJar. */
    record WebJarFile(String library, String version, String name, byte[] bytes) {
    }

    /** The file {@code relative} ({@code library/path/in/it}) names, if a WebJar on the class path holds it. */
    Optional<WebJarFile> resolve(String relative) {
        String[] segments = relative.split("/", -1);
        if (segments.length < 2) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        String library = segments[0];
        // Only libraries and files that exist are remembered, so made-up paths cannot fill the memory.
        Optional<String> version = versions.containsKey(library) ? versions.get(library) : versionOf(library);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        versions.putIfAbsent(library, version);
        String inJar = relative.substring(library.length() + 1);
        String resource = "META-INF/resources/webjars/" + library + "/" + version.get() + "/" + inJar;
        byte[] bytes = files.get(resource);
        if (bytes == null) {
            Optional<byte[]> read = read(resource);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            bytes = read.get();
            files.putIfAbsent(resource, bytes);
        }
        return Optional.of(new WebJarFile(library, version.get(), inJar, bytes));
    }

    private Optional<String> versionOf(String library) {
        return WebJars.version(loader, library);
    }

    private Optional<byte[]> read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            byte[] bytes = in == null ? null : in.readAllBytes();
            // A jar answers a directory's name too, with no bytes: that is not a file to serve.
            return bytes == null || bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }

    private String contentType(String name) {
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript;charset=utf-8";
        }
        String type = mimeTypes.getMimeByExtension(name);
        return type == null ? "application/octet-stream" : type;
    }
}
