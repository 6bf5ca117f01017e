using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Switchboard.Tests.Server.Email;

/// <summary>
/// A real mail system on loopback for one test, from Debian's packages: Postfix (SMTP) delivering over LMTP into
/// Dovecot (IMAP with IDLE), each with a private configuration in a temp folder, on free unprivileged ports, with the
/// mailboxes of <see cref="Users"/> (password "secret") in the domain <c>test.example</c>. Postfix's master must start
/// as root (it drops to the postfix user), as in CI; the tests fail, not skip, without the packages (.ci/run installs
/// postfix, dovecot-imapd and dovecot-lmtpd). Plain exceptions, not assertions, so the email load bench
/// (bench/Switchboard.Load) starts the same servers from this file.
/// </summary>
public sealed class MailServers : IAsyncDisposable
{
    public const string Domain = "test.example";
    public const string Password = "secret";

    /// <summary>The mailboxes: the centre's support address, a customer, and another customer.</summary>
    public static readonly string[] Users = ["support@test.example", "customer@test.example", "other@test.example"];

    private readonly string folder;

    private MailServers(string folder, int smtpPort, int imapPort)
    {
        this.folder = folder;
        SmtpPort = smtpPort;
        ImapPort = imapPort;
    }

    public int SmtpPort { get; }

    public int ImapPort { get; }

    private string DovecotConfiguration => Path.Combine(folder, "dovecot", "dovecot.conf");

    private string PostfixConfiguration => Path.Combine(folder, "postfix");

    /// <summary>The server settings that send the centre's mail through this Postfix.</summary>
    public string[] Settings => ["--Switchboard:Mail:Host=127.0.0.1", $"--Switchboard:Mail:Port={SmtpPort}", "--Switchboard:Mail:Sender=support@test.example"];

    public static async Task<MailServers> StartAsync()
    {
        foreach (var program in new[] { "/usr/sbin/postfix", "/usr/sbin/dovecot", "/usr/lib/dovecot/lmtp", "/usr/lib/dovecot/imap" })
        {
            Require(File.Exists(program), $"{program} is missing: apt-get install postfix dovecot-imapd dovecot-lmtpd (.ci/run does).");
        }

        Require(Environment.UserName == "root", "Postfix's master process must start as root (it drops its rights to the postfix user).");
        var folder = Path.Combine(Path.GetTempPath(), "switchboard-mail", Guid.NewGuid().ToString("N"));
        var (smtp, imap, lmtp) = FreePorts();
        WriteConfiguration(folder, smtp, imap, lmtp);
        await RunAsync("chown", "mail:mail", Path.Combine(folder, "mail"));
        await RunAsync("chown", "postfix", Path.Combine(folder, "data"));

        // Both daemonise only once their listeners are bound, so their start commands returning is the "ready" signal:
        // Dovecot's master binds every inet listener before it forks into the background (a taken port fails the
        // command), and `postfix start` runs `master -w`, which exits 0 only when the real master has initialised.
        var servers = new MailServers(folder, smtp, imap);
        try
        {
            await servers.StartDaemonAsync("/usr/sbin/dovecot", "-c", servers.DovecotConfiguration);
            await servers.StartDaemonAsync("/usr/sbin/postfix", "-c", servers.PostfixConfiguration, "start");
        }
        catch (InvalidOperationException e)
        {
            var logs = servers.Logs();
            await servers.DisposeAsync();
            throw new InvalidOperationException($"The mail servers did not start: {e.Message}\n{logs}", e);
        }

        return servers;
    }

    /// <summary>Sends a message through Postfix as a customer's mail program would.</summary>
    public async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>Sends with an explicit envelope (a sender the From header need not match).</summary>
    public async Task SendAsync(MimeMessage message, string envelopeFrom, string recipient)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message, new MailboxAddress(null, envelopeFrom), [new MailboxAddress(null, recipient)]);
        await client.DisconnectAsync(true);
    }

    /// <summary>The messages in a user's inbox, read over IMAP.</summary>
    public async Task<List<MimeMessage>> InboxAsync(string user)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>();
        foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All))
        {
            messages.Add(await client.Inbox.GetMessageAsync(uid));
        }

        await client.DisconnectAsync(true);
        return messages;
    }

    /// <summary>How many messages a user's inbox holds.</summary>
    public async Task<int> CountAsync(string user)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var count = client.Inbox.Count;
        await client.DisconnectAsync(true);
        return count;
    }

    /// <summary>
    /// Waits (up to 30 s) for a message in a user's inbox that <paramref name="match"/> accepts: reads the inbox, then
    /// idles on it (IMAP IDLE) until the server reports a new message, and reads again. The idle ends after a second
    /// anyway, for a message that came between the reading and the idle.
    /// </summary>
    public async Task<MimeMessage> WaitForMessageAsync(string user, Func<MimeMessage, bool> match)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            foreach (var uid in await inbox.SearchAsync(SearchQuery.All))
            {
                var message = await inbox.GetMessageAsync(uid);
                if (match(message))
                {
                    return message;
                }
            }

            Require(waited.Elapsed < TimeSpan.FromSeconds(30), $"Waited 30 s for a matching message for {user}; {Logs()}");
            using var arrived = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            void OnCountChanged(object? sender, EventArgs e) => arrived.Cancel();
            inbox.CountChanged += OnCountChanged;
            try
            {
                await client.IdleAsync(arrived.Token);
            }
            finally
            {
                inbox.CountChanged -= OnCountChanged;
            }
        }
    }

    /// <summary>
    /// Reads until <paramref name="done"/> accepts what was read, waiting between readings for <paramref name="changed"/>
    /// (the event that can change the answer, taken before each reading so none is missed), up to 30 s of real time:
    /// the mail servers run on the wall clock. Fails naming <paramref name="what"/>, the last reading and the servers' logs.
    /// </summary>
    public async Task<T> WhenAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<Task> changed, string what)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(changed);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var next = changed();
            var value = await read();
            if (done(value))
            {
                return value;
            }

            try
            {
                await next.WaitAsync(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(Math.Min(waited.Elapsed.Ticks, TimeSpan.FromSeconds(30).Ticks)));
            }
            catch (TimeoutException)
            {
                Require(false, $"Waited 30 s for {what}; last read {value}; {Logs()}");
            }
        }
    }

    /// <summary>The servers' logs, for failure messages.</summary>
    public string Logs() =>
        string.Join("\n", new[] { "start.log", "postfix.log", "dovecot.log" }.Select(f => Path.Combine(folder, f)).Where(File.Exists).Select(f => $"--- {Path.GetFileName(f)}\n" + string.Join("\n", File.ReadLines(f).TakeLast(30))));

    public async ValueTask DisposeAsync()
    {
        // Each stop waits for its master to end; one that never started refuses, which is fine here.
        foreach (var (program, arguments) in new[] { ("/usr/sbin/postfix", new[] { "-c", PostfixConfiguration, "stop" }), ("/usr/sbin/dovecot", new[] { "-c", DovecotConfiguration, "stop" }) })
        {
            try
            {
                await RunAsync(program, arguments);
            }
            catch (InvalidOperationException)
            {
                // Not running: nothing to stop.
            }
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A child still closing a file: the temp folder is cleaned by the OS.
        }
    }

    private static void WriteConfiguration(string folder, int smtp, int imap, int lmtp)
    {
        foreach (var sub in new[] { "postfix", "queue", "data", "mail", "dovecot/run", "dovecot/state" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        // Postfix: one smtpd on loopback, every recipient of test.example handed to Dovecot's LMTP; no chroot, its own
        // queue and log file, so nothing of the system's mail set-up is read or changed.
        File.WriteAllText(Path.Combine(folder, "postfix", "main.cf"), Invariant($"""
            compatibility_level = 3.6
            queue_directory = {folder}/queue
            data_directory = {folder}/data
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = mail.{Domain}
            mydomain = {Domain}
            myorigin = {Domain}
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mydestination =
            mynetworks = 127.0.0.0/8
            relayhost =
            smtpd_relay_restrictions = permit_mynetworks, reject
            virtual_mailbox_domains = {Domain}
            virtual_transport = lmtp:inet:127.0.0.1:{lmtp}
            maillog_file_prefixes = {folder}
            maillog_file = {folder}/postfix.log
            smtputf8_enable = no
            biff = no
            alias_maps =
            alias_database =
            """));
        File.WriteAllText(Path.Combine(folder, "postfix", "master.cf"), Invariant($"""
            127.0.0.1:{smtp} inet n - n - - smtpd
            pickup    unix  n - n 60 1 pickup
            cleanup   unix  n - n - 0 cleanup
            qmgr      unix  n - n 300 1 qmgr
            rewrite   unix  - - n - - trivial-rewrite
            bounce    unix  - - n - 0 bounce
            defer     unix  - - n - 0 bounce
            trace     unix  - - n - 0 bounce
            verify    unix  - - n - 1 verify
            flush     unix  n - n 1000? 0 flush
            proxymap  unix  - - n - - proxymap
            smtp      unix  - - n - - smtp
            relay     unix  - - n - - smtp
            showq     unix  n - n - - showq
            error     unix  - - n - - error
            retry     unix  - - n - - error
            discard   unix  - - n - - discard
            lmtp      unix  - - n - - lmtp
            anvil     unix  - - n - 1 anvil
            scache    unix  - - n - 1 scache
            postlog   unix-dgram n - n - 1 postlogd
            """));

        // Dovecot: IMAP and LMTP on loopback, users from a passwd-file (so LMTP refuses unknown ones and Postfix
        // bounces), mail in Maildirs owned by the mail user.
        // passwd-file userdb lines need the uid and gid as numbers: the mail user's.
        var mail = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).First(f => f[0] == "mail");
        File.WriteAllLines(Path.Combine(folder, "dovecot", "users"), Users.Select(u => $"{u}:{{PLAIN}}{Password}:{mail[2]}:{mail[3]}"));
        File.WriteAllText(Path.Combine(folder, "dovecot", "dovecot.conf"), Invariant($$"""
            base_dir = {{folder}}/dovecot/run
            state_dir = {{folder}}/dovecot/state
            instance_name = switchboard-test-{{imap}}
            protocols = imap lmtp
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            log_path = {{folder}}/dovecot.log
            mail_location = maildir:{{folder}}/mail/%u
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{folder}}/dovecot/users
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{folder}}/dovecot/users
              default_fields = home={{folder}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{imap}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{lmtp}}
              }
              unix_listener lmtp {
                mode = 0
              }
            }
            protocol lmtp {
              postmaster_address = postmaster@{{Domain}}
            }
            """));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Process Start(string program, string[] arguments, (string Name, string Value)? variable)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (variable is var (name, value))
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static Task RunAsync(string program, params string[] arguments) => RunAsync(program, arguments, null);

    private static async Task RunAsync(string program, string[] arguments, (string Name, string Value)? variable)
    {
        using var process = Start(program, arguments, variable);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}.");
        }
    }

    /// <summary>
    /// Runs a command that leaves a daemon behind. Its output goes to start.log, not to a pipe: a daemon that inherits
    /// the pipe would keep it open, and waiting for the command would then wait for the daemon's end.
    /// </summary>
    private async Task StartDaemonAsync(string program, params string[] arguments) =>
        await RunAsync("/bin/sh", ["-c", "exec \"$0\" \"$@\" </dev/null >>\"$LOG\" 2>&1", program, .. arguments], ("LOG", Path.Combine(folder, "start.log")));

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Three distinct free ports: all held at once while chosen, since a port released can be handed out again at once.</summary>
    private static (int, int, int) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            var ports = listeners.Select(l =>
            {
                l.Start();
                return ((IPEndPoint)l.LocalEndpoint).Port;
            }).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
