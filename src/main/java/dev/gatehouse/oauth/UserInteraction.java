package dev.gatehouse.oauth;

import io.javalin.http.Context;

/**
 * What the authorization endpoint needs from the sign-in pages: to take a valid request on from
 * there (signing the user in, asking for consent, answering the client), and to show an error to the
 * person when it cannot be trusted to the client's redirect URI. The end-session endpoint hands it a
 * validated logout the same way.
 */
public interface UserInteraction {
    void begin(Context ctx, AuthorizationRequest request);

    void showError(Context ctx, int status, String message);

    void signOut(Context ctx, SignOutRequest request);
}
