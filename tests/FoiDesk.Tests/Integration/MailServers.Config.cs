namespace FoiDesk.Tests.Integration;

public sealed partial class MailServers
{
    // Dovecot 2.3 syntax (Debian 12). Unix sockets live under Root/run, so Root must stay short (/tmp).
    private string DovecotConfig() => $$"""
        base_dir = {{Root}}/run
        state_dir = {{Root}}/state
        log_path = {{Root}}/dovecot.log
        protocols = imap lmtp
        listen = 127.0.0.1
        ssl = yes
        ssl_cert = <{{Root}}/cert.pem
        ssl_key = <{{Root}}/key.pem
        # Tests also log in over clear text on loopback (MailSecurity.None) to exercise that path.
        disable_plaintext_auth = no
        auth_mechanisms = plain login xoauth2 oauthbearer
        auth_username_format = %Ln
        mail_location = maildir:{{Root}}/mail/%n
        default_login_user = dovenull
        default_internal_user = dovecot
        namespace inbox {
          inbox = yes
          separator = /
          mailbox Processed {
            auto = create
          }
        }
        passdb {
          driver = oauth2
          mechanisms = xoauth2 oauthbearer
          args = {{Root}}/oauth2.conf.ext
        }
        passdb {
          driver = passwd-file
          mechanisms = plain login
          args = scheme=PLAIN username_format=%n {{Root}}/users
        }
        userdb {
          driver = passwd-file
          args = username_format=%n {{Root}}/users
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{ImapPort}}
          }
          inet_listener imaps {
            address = 127.0.0.1
            port = {{ImapsPort}}
            ssl = yes
          }
        }
        service lmtp {
          inet_listener lmtp {
            address = 127.0.0.1
            port = {{LmtpPort}}
          }
        }
        service auth {
          inet_listener {
            address = 127.0.0.1
            port = {{AuthPort}}
          }
        }
        """;

    private string OAuth2Config() => $"""
        tokeninfo_url = http://127.0.0.1:{TokenPort}/tokeninfo?access_token=
        username_attribute = username
        """;

    // Loopback is deliberately not in mynetworks: unauthenticated clients may only send to the local virtual
    // domain, so a foreign recipient gets a real 554 relay refusal. From an access map, "busy@" gets a real 450
    // (RFC 5321 4.2.1: transient, try again) and "nosuchuser@" a real 550 (permanent: no such mailbox).
    private string PostfixMainConfig() => $$"""
        compatibility_level = 3.6
        queue_directory = {{Root}}/queue
        data_directory = {{Root}}/data
        mail_owner = postfix
        setgid_group = postdrop
        maillog_file = {{Root}}/postfix.log
        maillog_file_prefixes = {{Root}}
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        myhostname = mail.foidesk.test
        mydomain = foidesk.test
        myorigin = foidesk.test
        mydestination =
        mynetworks = 192.0.2.1/32
        relay_domains =
        alias_maps =
        alias_database =
        biff = no
        virtual_mailbox_domains = {{Domain}}
        virtual_transport = lmtp:inet:127.0.0.1:{{LmtpPort}}
        smtpd_tls_cert_file = {{Root}}/cert.pem
        smtpd_tls_key_file = {{Root}}/key.pem
        smtpd_tls_security_level = may
        smtpd_sasl_type = dovecot
        smtpd_sasl_path = inet:127.0.0.1:{{AuthPort}}
        smtpd_sasl_auth_enable = yes
        smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated reject_unauth_destination
        smtpd_recipient_restrictions = check_recipient_access inline:{ { busy@{{Domain}} = 450 4.2.1 Mailbox busy, try later }, { nosuchuser@{{Domain}} = 550 5.1.1 No such user here } }
        smtputf8_enable = yes
        """;

    private string PostfixMasterConfig() => $"""
        127.0.0.1:{SmtpPort} inet n - n - - smtpd
        127.0.0.1:{SmtpsPort} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
        cleanup unix n - n - 0 cleanup
        qmgr unix n - n 300 1 qmgr
        tlsmgr unix - - n 1000? 1 tlsmgr
        rewrite unix - - n - - trivial-rewrite
        bounce unix - - n - 0 bounce
        defer unix - - n - 0 bounce
        trace unix - - n - 0 bounce
        verify unix - - n - 1 verify
        flush unix n - n 1000? 0 flush
        proxymap unix - - n - - proxymap
        smtp unix - - n - - smtp
        relay unix - - n - - smtp
        showq unix n - n - - showq
        error unix - - n - - error
        retry unix - - n - - error
        discard unix - - n - - discard
        lmtp unix - - n - - lmtp
        anvil unix - - n - 1 anvil
        scache unix - - n - 1 scache
        postlog unix-dgram n - n - 1 postlogd
        """;
}
