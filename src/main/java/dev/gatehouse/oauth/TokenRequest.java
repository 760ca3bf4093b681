package dev.gatehouse.oauth;

import dev.gatehouse.domain.Tenant;
import dev.gatehouse.oauth.ClientAuthenticator.AuthenticatedClient;

import java.util.Optional;

/** A token request after client authentication: the parameters, the client, and the endpoint's tenant. */
public record TokenRequest(FormParameters params, AuthenticatedClient client, Optional<Tenant> pathTenant) {}
