-- Schema version 6: judgements carry an id made by the client that wrote them.
-- A judgement made while the server was gone is kept by the app and sent again later; a retry after a lost reply
-- must store it once, so the writer tells its judgement by this id (a random UUID made when the judgement is made)
-- and a second write with the same id does nothing. NULL for the rows written before (and by writers that do not
-- say): NULLs are distinct in a unique index, so old rows stay valid.
ALTER TABLE preferences ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX preferences_client_id ON preferences(client_id);
