-- A case whose reply an approver has approved is 'approved' (waiting to be sent), and 'awaiting-approval'
-- now means what it says: every question has a submitted answer and the reply waits for an approver.
-- Before this, approval set 'awaiting-approval', so those cases become 'approved'.
alter table foi_case drop constraint foi_case_status_check;
alter table foi_case add constraint foi_case_status_check
    check (status in ('new', 'open', 'on-hold', 'awaiting-approval', 'approved', 'responded', 'closed'));

update foi_case c set status = 'approved'
where c.status = 'awaiting-approval'
  and exists (select 1 from question q where q.case_id = c.id and q.status = 'approved')
  and not exists (select 1 from question q where q.case_id = c.id and q.status not in ('approved', 'merged'));

drop index foi_case_open;
create index foi_case_open on foi_case (received_at) where status in ('new', 'open', 'on-hold', 'awaiting-approval', 'approved');
