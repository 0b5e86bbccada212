-- Security review (issue 16, Low): a calendar feed URL is a bearer secret that calendar apps keep and sync
-- for ever; it now expires (CalendarTokens.Lifetime, one year), so a URL left in a leaver's phone or an old
-- shared calendar stops working by itself. Revocation (deleting the row) already existed. Existing addresses
-- get a year from when they were made.
alter table calendar_token add column expires_at timestamptz;
update calendar_token set expires_at = created_at + interval '365 days';
alter table calendar_token alter column expires_at set not null;
