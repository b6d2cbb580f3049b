package dev.faaslab.runtime;

import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider;
import java.util.Collection;
import java.util.List;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * A Truffle instrument on each of our engines. The community edition has no per-context heap limit,
 * but its instrument API can walk what one context retains, and can act on a guest thread from inside
 * the language: the two things {@link SandboxControl} offers the host.
 */
public final class SandboxInstrument extends TruffleInstrument {

    static final String ID = "faaslab-sandbox";

    @Override
    protected void onCreate(Env env) {
        env.registerService(new SandboxControl(env));
    }

    /** Found by the polyglot API through META-INF/services; written by hand instead of by Truffle's annotation processor. */
    @TruffleInstrument.Registration(id = ID, name = "FaaS Lab sandbox", version = "1",
            services = SandboxControl.class, sandbox = SandboxPolicy.CONSTRAINED)
    public static final class Provider extends TruffleInstrumentProvider {

        @Override
        protected String getInstrumentClassName() {
            return SandboxInstrument.class.getName();
        }

        @Override
        protected Object create() {
            return new SandboxInstrument();
        }

        @Override
        protected Collection<String> getServicesClassNames() {
            return List.of(SandboxControl.class.getName());
        }
    }
}
