-- Security review (issue 16, Low): the audit log refused UPDATE and DELETE row by row, but TRUNCATE fires
-- no row triggers and emptied it in one statement (also as a cascade from TRUNCATE account CASCADE).
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
