-- One-time passwords expire (issue 16, M9): one issued by an administrator, or printed at first start, works
-- for 72 hours; after that sign-in says so and an administrator issues a new one. Null: no expiry (a
-- password the person chose, or a one-time password issued before this migration).
alter table account add column one_time_password_expires_at timestamptz;
