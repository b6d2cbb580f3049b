package dev.faaslab.style.provider;

import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What the providers' styles beside Lambda's share: the guest gets one {@link ProviderEvent} text and answers HTTP
 * with a {@link ProviderReply} envelope; the JavaScript half is the shared {@code provider.js} (web Request and
 * Response, base64, the invocation's end) and the style's own file; the Python half likewise. A style says what
 * its provider runs (languages, the longest timeout, the largest request) and what its error answer looks like.
 */
public abstract class ProviderStyle implements HandlerStyle {

    private static final String JS_PRELUDE = read(ProviderStyle.class, "provider.js");
    private static final String PYTHON_PRELUDE = read(ProviderStyle.class, "provider.py");

    private final String javaScript;
    private final String python;

    /** @param javaScriptFile the style's file beside its class, a function expression of (core, provider) */
    protected ProviderStyle(String javaScriptFile, String pythonFile) {
        this.javaScript = "(function (core) {\n  const provider = (" + JS_PRELUDE + ")(core);\n  return ("
                + read(getClass(), javaScriptFile) + ")(core, provider);\n})";
        this.python = pythonFile == null ? "def faaslab_style(core):\n    raise RuntimeError('no Python here')\n"
                : PYTHON_PRELUDE + "\n\n" + read(getClass(), pythonFile);
    }

    @Override
    public final String javaScript() {
        return javaScript;
    }

    @Override
    public final String python() {
        return python;
    }

    @Override
    public final Object[] input(Event event) {
        return new Object[] {ProviderEvent.json(event)};
    }

    @Override
    public final String pythonInput(Event event) {
        return ProviderEvent.json(event);
    }

    /** The largest request body the provider takes, in bytes. */
    protected abstract long maxRequestBytes();

    /** The longest timeout the provider allows. */
    protected abstract Duration maxTimeout();

    /** Whether the provider runs functions in {@code language}; a style that refuses one says why in {@link #refusal}. */
    protected boolean runs(Language language) {
        return true;
    }

    /** Whether the style gives a function's bindings to its handler (Workers' {@code env}); else they are refused. */
    protected boolean bindsEnv() {
        return false;
    }

    /** What the code must define for this style, when the entry file's text shows it does not; empty when it may. */
    protected abstract Optional<String> missing(FunctionConfig config);

    @Override
    public Optional<String> refusal(FunctionConfig config) {
        if (!runs(config.language())) {
            return Optional.of(title() + " has no " + (config.language() == Language.PYTHON ? "Python" : "JavaScript") + " runtime: write this"
                    + " function in JavaScript, or choose another style");
        }
        if (!config.bindings().isEmpty() && !bindsEnv()) {
            return Optional.of("bindings are Cloudflare Workers' (style cloudflare-workers): a " + title() + " function"
                    + " reaches tables, buckets and queues through the faaslab module");
        }
        if (config.timeout().compareTo(maxTimeout()) > 0) {
            return Optional.of(title() + " allows a timeout of at most " + maxTimeout().toSeconds() + " s, not "
                    + config.timeout().toSeconds() + " s");
        }
        return missing(config).map(what -> title() + " (style " + name() + ") calls " + what);
    }

    @Override
    public void check(Event event) {
        if (event instanceof Event.Http http && http.body().length > maxRequestBytes()) {
            throw new Payloads.PayloadTooLargeException(title() + " takes a request body of at most "
                    + maxRequestBytes() / (1024 * 1024) + " MB, not " + http.body().length + " bytes");
        }
    }

    @Override
    public final HttpReply response(Outcome outcome) {
        if (outcome instanceof Outcome.Success(String json)) {
            return ProviderReply.parse(json).orElseGet(() -> failed(null));
        }
        return failed(((Outcome.Failure) outcome).error());
    }

    /** The provider's answer to a request whose function failed (threw, timed out, ran out of memory). */
    protected abstract HttpReply failed(FunctionError error);

    @Override
    public boolean settlesEachMessage() {
        return true;
    }

    protected static String read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the style resource " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
