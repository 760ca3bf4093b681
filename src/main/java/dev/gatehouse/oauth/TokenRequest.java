package dev.gatehouse.oauth;

import dev.gatehouse.domain.Tenant;
import dev.gatehouse.oauth.ClientAuthenticator.AuthenticatedClient;

import java.util.Optional;

/**
 * A token request after client authentication: the parameters, the client, the endpoint's tenant,
 * and the address it came from (for throttling password guesses).
 */
public record TokenRequest(FormParameters params, AuthenticatedClient client, Optional<Tenant> pathTenant,
                           String clientIp) {}
