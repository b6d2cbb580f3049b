package dev.faaslab.classroom.lti;

import java.net.URI;
import java.util.Set;

/**
 * A learning platform registered to launch FaaS Lab: what its administrator copies from the platform's tool
 * registration (see docs/lti.md).
 *
 * @param issuer        the platform's {@code iss}, such as {@code https://moodle.example.edu}
 * @param clientId      the client id the platform gave FaaS Lab
 * @param deploymentIds the deployments launches may come from
 * @param authLoginUrl  the platform's OIDC authorization endpoint, where a login is sent
 * @param tokenUrl      the platform's OAuth 2 token endpoint, for grade passback
 * @param jwksUrl       the platform's public keys, which its id_tokens are verified against
 */
public record LtiPlatform(String issuer, String clientId, Set<String> deploymentIds, URI authLoginUrl, URI tokenUrl,
                          URI jwksUrl) {

    public LtiPlatform {
        require("issuer", issuer);
        require("clientId", clientId);
        deploymentIds = Set.copyOf(deploymentIds);
        if (authLoginUrl == null || tokenUrl == null || jwksUrl == null) {
            throw new IllegalArgumentException("the platform " + issuer + " needs its authentication request URL,"
                    + " its access token URL and its public keyset URL: copy them from the platform's tool settings");
        }
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a platform's " + name + " is missing: copy it from the platform's"
                    + " tool registration");
        }
    }
}
