-- A password change ends every session of the user and revokes the user's refresh tokens; deleting a
-- user cascades to both tables through user_id as well.
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
