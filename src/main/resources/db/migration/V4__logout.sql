-- A logout finds the clients of a session through its codes, and revokes its refresh tokens.
CREATE INDEX authorization_codes_by_session ON authorization_codes (session_id);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
