package dev.faaslab.classroom.lti;

import dev.faaslab.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * FaaS Lab's LTI 1.3 tool, its parts built and joined in one place: the registrations, the login, the launch,
 * the tool's keys, deep linking and grade passback, all keeping their state in the database.
 */
public final class LtiTool {

    private final ToolEndpoints endpoints;
    private final LtiPlatforms platforms;
    private final ToolKeys keys;
    private final LoginInitiation login;
    private final LaunchValidator launches;
    private final DeepLinkSessions deepLinkSessions;
    private final DeepLinkingResponse deepLinking;
    private final ScorePassback passback;
    private final PendingScores pendingScores;

    /**
     * @param dataSource the database migrated to V11 at least
     * @param http       the client for the platforms' keys, tokens and gradebooks
     */
    public LtiTool(DataSource dataSource, Clock clock, HttpClient http, ToolEndpoints endpoints) {
        this(dataSource, clock, http, endpoints, PlatformKeys.MIN_REFETCH_INTERVAL);
    }

    /** As the public constructor, fetching a platform's keys at most once per {@code minKeyRefetch}. */
    LtiTool(DataSource dataSource, Clock clock, HttpClient http, ToolEndpoints endpoints, Duration minKeyRefetch) {
        this.endpoints = endpoints;
        this.platforms = new LtiPlatforms(dataSource, clock);
        this.keys = new ToolKeys(dataSource, clock);
        LoginStates states = new LoginStates(dataSource, clock);
        this.login = new LoginInitiation(platforms, states, endpoints);
        this.launches = new LaunchValidator(platforms, states, new UsedNonces(dataSource, clock),
                new PlatformKeys(http, minKeyRefetch), clock);
        this.deepLinkSessions = new DeepLinkSessions(dataSource, clock);
        this.deepLinking = new DeepLinkingResponse(deepLinkSessions, keys, clock);
        this.passback = new ScorePassback(platforms, new AccessTokens(keys, http, clock), http);
        this.pendingScores = new PendingScores(passback, dataSource, clock);
    }

    /** A client for {@link #LtiTool}: following no redirects (a token endpoint's redirect is not a token). */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ToolEndpoints endpoints() {
        return endpoints;
    }

    public LtiPlatforms platforms() {
        return platforms;
    }

    public ToolKeys keys() {
        return keys;
    }

    /** Step one of a launch: where to send the browser. */
    public URI login(LoginRequest request) {
        return login.redirect(request);
    }

    /** Step two: verifies the launch; throws {@link LtiRejection} naming what failed. */
    public LtiLaunch validate(String idToken, String state) {
        return launches.validate(idToken, state);
    }

    /**
     * Step two and what follows: verifies the launch and hands it to {@code handler}; a deep-linking request
     * first gets the session its picker answers with.
     */
    public LaunchReply launch(String idToken, String state, LaunchHandler handler) {
        LtiLaunch launch = launches.validate(idToken, state);
        return switch (launch.messageType()) {
            case RESOURCE_LINK -> handler.resourceLaunched(launch);
            case DEEP_LINKING -> handler.deepLinkingRequested(launch, deepLinkSessions.open(launch));
        };
    }

    /** The deep-linking answer for the picker's choice. */
    public DeepLinkForm deepLink(String deepLinkSession, List<DeepLinkItem> items) {
        return deepLinking.respond(deepLinkSession, items);
    }

    /** Sends scores once, without keeping those that fail; {@link #pendingScores} is usually what you want. */
    public ScorePassback scorePassback() {
        return passback;
    }

    /** Sends scores and keeps those the platform could not take, to retry. */
    public PendingScores pendingScores() {
        return pendingScores;
    }
}
