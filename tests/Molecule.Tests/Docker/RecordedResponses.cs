namespace Molecule.Tests.Docker;

/// <summary>Engine answers recorded from dockerd 20.10.24 (API 1.41), trimmed of fields the client ignores.</summary>
internal static class RecordedResponses
{
    public const string RunningContainer = """
        {"Id":"76258ce8a36e402c274f7ca7065cc5a2ccbe4940505bfff889bec4710bb6af7e","Created":"2026-11-22T00:51:41.517787541Z",
         "Path":"sleep","Args":["300"],
         "State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":2356,
                  "ExitCode":0,"Error":"","StartedAt":"2026-11-22T00:51:41.876840708Z","FinishedAt":"0001-01-01T00:00:00Z"},
         "Image":"sha256:cc606cca23159c77020c62ca5c450f88b8a21696824052516a2dadd9db3deb12","Name":"/rec1","RestartCount":0,
         "Driver":"overlay2","ExecIDs":null,
         "HostConfig":{"Binds":["recvol:/data"],"NetworkMode":"host","PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},
                       "AutoRemove":false,"Memory":67108864,"NanoCpus":0,"PidsLimit":50,"ConsoleSize":[0,0]},
         "Mounts":[{"Type":"volume","Name":"recvol","Source":"/tmp/dk.YKbY/data/volumes/recvol/_data","Destination":"/data",
                    "Driver":"local","Mode":"z","RW":true,"Propagation":""}],
         "Config":{"Hostname":"vm","Domainname":"","User":"","Tty":false,"OpenStdin":false,"Env":null,"Cmd":["sleep","300"],
                   "Image":"molecule-test/agent:latest","WorkingDir":"/","Entrypoint":null,"Labels":{"molecule.test":"1"}},
         "NetworkSettings":{"Bridge":"","Ports":{},"IPAddress":"",
                            "Networks":{"host":{"IPAMConfig":null,"Aliases":null,"NetworkID":"a55eb435","EndpointID":"28c81489",
                                                "Gateway":"","IPAddress":"","IPPrefixLen":0,"MacAddress":"","DriverOpts":null}}}}
        """;

    /// <summary>Made by hand from the API spec: a bridge container killed by the OOM killer, with a published port and a health check.</summary>
    public const string OomKilledBridgeContainer = """
        {"Id":"f00d","Created":"2026-11-22T00:00:00Z","Name":"/ws-1a2b3c4d-5e6","Image":"sha256:beef",
         "State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":true,"Dead":false,"Pid":0,
                  "ExitCode":137,"Error":"","StartedAt":"2026-11-22T00:00:01Z","FinishedAt":"2026-11-22T00:10:00.123Z",
                  "Health":{"Status":"unhealthy","FailingStreak":3,"Log":[]}},
         "Config":{"Tty":true,"Image":"ghcr.io/molecule-ai/workspace-template-langgraph:latest","Labels":null},
         "HostConfig":{"NetworkMode":"molecule-monorepo-net"},
         "NetworkSettings":{"Ports":{"8000/tcp":[{"HostIp":"127.0.0.1","HostPort":"49153"}],"9000/tcp":null},
                            "Networks":{"molecule-monorepo-net":{"Aliases":["ws-1a2b3c4d-5e6"],"IPAddress":"172.18.0.5"}}},
         "Mounts":null}
        """;

    public const string ContainerList = """
        [{"Id":"76258ce8a36e402c274f7ca7065cc5a2ccbe4940505bfff889bec4710bb6af7e","Names":["/rec1"],"Image":"molecule-test/agent:latest",
          "ImageID":"sha256:cc606cca23159c77020c62ca5c450f88b8a21696824052516a2dadd9db3deb12","Command":"sleep 300","Created":1795308701,
          "Ports":[],"Labels":{"molecule.test":"1"},"State":"running","Status":"Up 3 seconds","HostConfig":{"NetworkMode":"host"}}]
        """;

    public const string Volume = """
        {"CreatedAt":"2026-11-22T00:51:41Z","Driver":"local","Labels":null,"Mountpoint":"/tmp/dk.YKbY/data/volumes/recvol/_data",
         "Name":"recvol","Options":null,"Scope":"local"}
        """;

    public const string VolumeList = """
        {"Volumes":[{"CreatedAt":"2026-11-22T00:51:41Z","Driver":"local","Labels":{"molecule.platform.managed":"true"},
                     "Mountpoint":"/tmp/dk.YKbY/data/volumes/recvol/_data","Name":"recvol","Options":null,"Scope":"local"}],"Warnings":null}
        """;

    public const string EmptyVolumeList = """{"Volumes":null,"Warnings":null}""";

    public const string ExecCreated = """{"Id":"59d8a902a6ef20b1667227adbe58bef9bfe79417aea9ebf17ad39794365b2fce"}""";

    public const string ExecRunning = """
        {"ID":"59d8a902a6ef20b1667227adbe58bef9bfe79417aea9ebf17ad39794365b2fce","Running":true,"ExitCode":null,
         "ProcessConfig":{"tty":false,"entrypoint":"sh","arguments":["-c","echo hi; echo err >&2; exit 3"],"privileged":false},
         "OpenStdin":false,"OpenStderr":true,"OpenStdout":true,"CanRemove":false,
         "ContainerID":"76258ce8a36e402c274f7ca7065cc5a2ccbe4940505bfff889bec4710bb6af7e","DetachKeys":"","Pid":2763}
        """;

    public const string ExecExited = """
        {"ID":"59d8a902a6ef20b1667227adbe58bef9bfe79417aea9ebf17ad39794365b2fce","Running":false,"ExitCode":3,
         "ProcessConfig":{"tty":false,"entrypoint":"sh","arguments":["-c","echo hi; echo err >&2; exit 3"],"privileged":false},
         "OpenStdin":false,"OpenStderr":true,"OpenStdout":true,"CanRemove":false,
         "ContainerID":"76258ce8a36e402c274f7ca7065cc5a2ccbe4940505bfff889bec4710bb6af7e","DetachKeys":"","Pid":2763}
        """;

    public const string Version = """
        {"Platform":{"Name":""},"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84",
         "GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.18.44-fc-v657","BuildTime":"2026-05-07T21:09:36.000000000+00:00"}
        """;

    public const string Image = """
        {"Id":"sha256:cc606cca23159c77020c62ca5c450f88b8a21696824052516a2dadd9db3deb12","RepoTags":["molecule-test/agent:latest"],
         "RepoDigests":[],"Created":"2026-11-22T00:51:19.123456789Z","Architecture":"amd64","Os":"linux","Size":1990000,
         "Config":{"Env":null,"Cmd":["/bin/agent"],"Entrypoint":null,"WorkingDir":"/","User":"","Labels":null}}
        """;

    public const string KillEvent = """
        {"status":"kill","id":"64a6fe377787a443fbdf4d76a829f459f13f229c68db2725468785b38cae077f","from":"molecule-test/agent:latest","Type":"container","Action":"kill","Actor":{"ID":"64a6fe377787a443fbdf4d76a829f459f13f229c68db2725468785b38cae077f","Attributes":{"image":"molecule-test/agent:latest","molecule.test":"1","name":"rec2","signal":"9"}},"scope":"local","time":1795308711,"timeNano":1795308711533298027}
        """;

    public const string DieEvent = """
        {"status":"die","id":"64a6fe377787a443fbdf4d76a829f459f13f229c68db2725468785b38cae077f","from":"molecule-test/agent:latest","Type":"container","Action":"die","Actor":{"ID":"64a6fe377787a443fbdf4d76a829f459f13f229c68db2725468785b38cae077f","Attributes":{"exitCode":"137","image":"molecule-test/agent:latest","molecule.test":"1","name":"rec2"}},"scope":"local","time":1795308711,"timeNano":1795308711568326336}
        """;

    public const string ExecStartEvent = """
        {"Type":"container","Action":"exec_start: sh -c echo hi","Actor":{"ID":"abc","Attributes":{"name":"rec1"}},"scope":"local","time":1795308712,"timeNano":0}
        """;

    public const string PasswdStatHeader = "eyJuYW1lIjoicGFzc3dkIiwic2l6ZSI6NzQsIm1vZGUiOjQyMCwibXRpbWUiOiIyMDI2LTExLTIyVDAwOjUxOjE5WiIsImxpbmtUYXJnZXQiOiIifQ==";

    public const string ShStatHeader = "eyJuYW1lIjoic2giLCJzaXplIjo3LCJtb2RlIjoxMzQyMTgyMzksIm10aW1lIjoiMjAyNi0xMS0yMlQwMDo1MToxOVoiLCJsaW5rVGFyZ2V0IjoiL2Jpbi9idXN5Ym94In0=";

    public const string EtcStatHeader = "eyJuYW1lIjoiZXRjIiwic2l6ZSI6NDA5NiwibW9kZSI6MjE0NzQ4NDE0MSwibXRpbWUiOiIyMDI2LTExLTIyVDAwOjUxOjQxLjUyMDcwNjExNloiLCJsaW5rVGFyZ2V0IjoiIn0=";

    public const string PullProgress = """
        {"status":"Pulling from molecule/base","id":"latest"}
        {"status":"Downloading","progressDetail":{"current":1024,"total":4096},"progress":"[=====>      ]","id":"a1b2c3"}
        {"status":"Pull complete","progressDetail":{},"id":"a1b2c3"}
        {"status":"Status: Downloaded newer image for molecule/base:latest"}
        """;

    public const string PullFailure = """
        {"status":"Pulling from molecule/base","id":"latest"}
        {"errorDetail":{"message":"manifest for molecule/base:latest not found"},"error":"manifest for molecule/base:latest not found"}
        """;

    public const string ImportProgress = """
        {"status":"sha256:2d4d7659b0ebe0522cda837e19ead4224e2e7d262a352ffcce3fe8fe7c4e154f"}
        """;
}
