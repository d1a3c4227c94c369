namespace Director.Host.CommandLine;

public static class HelpText
{
    public const string Usage = """
        director - a keepalived-compatible VRRP + load-balancing daemon

        Usage:
          director [run] [OPTIONS]              run the daemon (keepalived's options below)
          director check-config -f FILE         check a configuration; also: director -t -f FILE
          director convert -f FILE [-o OUT]     print a keepalived.conf as HOCON topology
          director dump-config -f FILE          print the effective configuration after
                                                includes, $definitions, @conditions and ~SEQ
          director genhash -s HOST -p PORT -u URL [-S] [-V VHOST]
                                                MD5 digest of a URL, as keepalived's genhash
          director status [--json] [--endpoint URL]
                                                every director's VRRP instances, from the
                                                management endpoint (default http://127.0.0.1:8558)
          director reload [--endpoint URL] [-p PIDFILE] [--json]
                                                reload the running daemon's configuration
                                                (POST /reload; SIGHUP to the pid in PIDFILE
                                                when the endpoint cannot be reached)
          director history [--json] [--limit N] [--endpoint URL]
                                                VRRP transitions, real servers up/down and
                                                operator actions, oldest first (default last 50)
          director drain RS [--vs VS] [--endpoint URL]
                                                weight 0 for real server RS (IP or IP:PORT) in every
                                                virtual server having it (or only VS, e.g.
                                                10.0.0.1:80): established connections drain
          director undrain RS [--vs VS]         back to the configured weight and checks
          director weight RS N [--vs VS]        weight N instead of the configured one
                                                (drain, undrain and weight outlive a restart)
          director version | help

        Configuration:
          -f, --use-file FILE     configuration file (default /etc/keepalived/keepalived.conf);
                                  keepalived.conf syntax, or HOCON when FILE ends in .hocon/.hcl
              --format FMT        keepalived | hocon | auto (default auto)
          -i, --config-id ID      config id for '@ID' lines (default: first label of the host name)
          -o, --output FILE       convert: write to FILE instead of standard output
              --defaults          convert: write every value, defaults included
              --settings FILE     run: HOCON overriding hocon/director.conf (director.cluster,
                                  director.management, director.log...); a HOCON -f file is
                                  read for them too

        keepalived's daemon options (run):
          -n, --dont-fork         stay in the foreground (director always does)
          -l, --log-console       log to the console
          -D, --log-detail        detailed logging
          -S, --log-facility N    accepted (syslog LOCALN); logs go to the console (the
                                  journal under systemd) and director.log.file
          -P, --vrrp              only run the VRRP side
          -C, --check             only run the checkers / load-balancing side
          -V, --dont-release-vrrp leave VIPs in place at exit
          -I, --dont-release-ipvs leave the virtual servers in the kernel table at exit
              --lb-backend B      auto | nftables | ipvs (default: director.lb.backend, auto:
                                  IPVS when the kernel has it, else nftables)
          -d, --dump-conf         dump the configuration at start
          -p, --pid FILE          pid file;  -r, --vrrp_pid FILE; -c, --checkers_pid FILE
          -t, --config-test       check the configuration and exit

        Exit status: 0 success, 2 usage error, 4 file unreadable, 5 configuration errors
        (as keepalived -t).
        """;
}
