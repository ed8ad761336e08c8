"""A real mail server for the calendar-answer test (issue 24): Debian's Postfix run as a second instance from a temporary
folder (its own main.cf, master.cf, queue and log), listening on 127.0.0.1 only at a free port, taking mail for the
desk's address with any `+token` (recipient_delimiter) and handing each message to `briefings mail receive` through a
pipe(8) transport, as docs/operations.md sets it up. Needs root (Postfix's master starts as root and runs the pipe as
an unprivileged user); scripts/test-mail.sh installs the postfix package when it is missing, with no configuration of
its own, so the system's Postfix never starts."""
import os
import pwd
import shutil
import subprocess
import time

import smtp_sink


class Postfix:
    def __init__(self, work, desk, argv, user="nobody"):
        """`desk`: the desk's address (its mail is piped); `argv`: the command, with ${original_recipient} where the
        address the message was delivered to goes."""
        self.dir = os.path.join(work, "postfix")
        self.conf = os.path.join(self.dir, "conf")
        self.maillog = os.path.join(self.dir, "maillog")
        self.port = smtp_sink.free_port()
        for d in ("conf", "queue", "data"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        os.chmod(self.dir, 0o755)
        shutil.chown(os.path.join(self.dir, "data"), "postfix")
        domain = desk.split("@")[1]
        with open(os.path.join(self.conf, "main.cf"), "w") as f:
            f.write(f"""compatibility_level = 3.6
queue_directory = {self.dir}/queue
data_directory = {self.dir}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = briefings-test.invalid
mydestination =
relay_domains = {domain}
transport_maps = inline:{{ {desk}=briefings: }}
recipient_delimiter = +
briefings_destination_recipient_limit = 1
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
maillog_file = {self.maillog}
maillog_file_prefixes = {self.dir}
smtputf8_enable = no
biff = no
""")
        with open(os.path.join(self.conf, "master.cf"), "w") as f:
            f.write(f"""127.0.0.1:{self.port} inet n - n - - smtpd
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
briefings unix - n n - 1 pipe
  flags=Rq user={user} argv={" ".join(argv)}
""")
        subprocess.run(["postfix", "-c", self.conf, "start"], check=True, capture_output=True, timeout=60)
        self.user = pwd.getpwnam(user)

    def log(self):
        try:
            with open(self.maillog) as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def piped(self):
        """The pipe deliveries logged so far: each `status=…` of the briefings transport."""
        return [line for line in self.log().splitlines() if "relay=briefings" in line]

    def wait_piped(self, n, seconds=60):
        """Waits until `n` pipe deliveries are logged; returns them."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            done = self.piped()
            if len(done) >= n:
                return done
            time.sleep(0.2)
        return self.piped()

    def stop(self):
        subprocess.run(["postfix", "-c", self.conf, "stop"], capture_output=True, timeout=60)
