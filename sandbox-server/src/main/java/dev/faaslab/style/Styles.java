package dev.faaslab.style;

import dev.faaslab.runtime.HandlerStyles;
import dev.faaslab.style.gcp.CloudRunFunctionsStyle;
import dev.faaslab.style.lambda.LambdaStyle;
import dev.faaslab.style.workers.WorkersStyle;
import java.util.List;

/** Every provider's handler style FaaS Lab runs, AWS Lambda's first (the default): the one place they are listed. */
public final class Styles {

    private static final HandlerStyles ALL = new HandlerStyles(List.of(LambdaStyle.INSTANCE, WorkersStyle.INSTANCE,
            CloudRunFunctionsStyle.INSTANCE));

    private Styles() {
    }

    public static HandlerStyles all() {
        return ALL;
    }
}
