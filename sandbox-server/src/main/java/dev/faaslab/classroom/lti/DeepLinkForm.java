package dev.faaslab.classroom.lti;

import java.net.URI;

/**
 * The deep-linking answer: a signed JWT the browser posts to the platform's return URL, in a form that submits
 * itself (LTI sends it through the browser, as it came).
 */
public record DeepLinkForm(URI returnUrl, String jwt) {

    /** A page whose form posts {@code JWT} to the return URL as soon as it loads, with a button if scripts are off. */
    public String html() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Returning to the course</title></head>
                <body>
                <form id="deep-link" method="post" action="%s">
                <input type="hidden" name="JWT" value="%s">
                <noscript><button type="submit">Return to the course</button></noscript>
                </form>
                <script>document.getElementById('deep-link').submit();</script>
                </body>
                </html>
                """.formatted(Html.escape(returnUrl.toString()), Html.escape(jwt));
    }
}
