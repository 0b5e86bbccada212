-- ASP.NET Core Data Protection keys (issue 16), which sign and encrypt the session and anti-forgery cookies.
-- Kept in the database, not on one host's disk, so cookies survive a restart and every host behind a load
-- balancer reads the others'. With FoiDesk__Auth__KeyCertificatePath set, each key's XML is encrypted with
-- that certificate before it is stored here.
create table data_protection_key (
    id            bigint generated always as identity primary key,
    friendly_name text not null,
    xml           text not null,
    created_at    timestamptz not null default now()
);
