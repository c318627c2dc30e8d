using System.Text;

namespace Molecule.Provisioner.Ec2;

/// <summary>What the instance's boot script is told: where its bundle is and what to run. Nothing secret.</summary>
internal sealed record Ec2BootPlan(Guid WorkspaceId, string SecretName, string Region, string Image, string ConfigDir);

/// <summary>
/// The instance's user-data: a script that installs a systemd unit which, on every boot, reads the
/// bootstrap bundle from Secrets Manager with the instance profile, writes the token to the config
/// dir, and (re)creates the runtime container with the bundle's environment — passed through the
/// process environment, never on a command line. Running on every boot is what makes a restart
/// (new bundle, stop + start) pick up rotated secrets. The script itself names only the secret,
/// the region and the image.
/// </summary>
internal static class Ec2UserData
{
    public const string HermesConfigDir = "/home/ubuntu/.hermes";
    public const string ConfigDir = "/opt/configs";

    /// <summary>Where the runtime's config lives on the host (bind-mounted at /configs in the container).</summary>
    public static string ConfigDirFor(string runtime) => runtime.Trim() == "hermes" ? HermesConfigDir : ConfigDir;

    public static string Render(Ec2BootPlan plan)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# Molecule workspace ").Append(plan.WorkspaceId.ToString("D")).Append(". This script holds no secret: the instance\n");
        script.Append("# reads its bootstrap bundle from Secrets Manager with its instance profile at every boot.\n");
        script.Append("set -euo pipefail\n");
        script.Append("install -d -m 0700 /opt/molecule\n");
        script.Append("cat > /opt/molecule/workspace.conf <<'MOLECULE_CONF'\n");
        script.Append("SECRET_ID=").Append(Quote(plan.SecretName)).Append('\n');
        script.Append("AWS_REGION=").Append(Quote(plan.Region)).Append('\n');
        script.Append("IMAGE=").Append(Quote(plan.Image)).Append('\n');
        script.Append("CONTAINER=").Append(Quote(Ec2Names.InstanceName(plan.WorkspaceId))).Append('\n');
        script.Append("CONFIG_DIR=").Append(Quote(plan.ConfigDir)).Append('\n');
        script.Append("MOLECULE_CONF\n");
        script.Append("cat > /opt/molecule/start-workspace.sh <<'MOLECULE_SCRIPT'\n");
        script.Append(StartScript);
        script.Append("MOLECULE_SCRIPT\n");
        script.Append("chmod 0700 /opt/molecule/start-workspace.sh\n");
        script.Append("cat > /etc/systemd/system/molecule-workspace.service <<'MOLECULE_UNIT'\n");
        script.Append(Unit);
        script.Append("MOLECULE_UNIT\n");
        script.Append("systemctl daemon-reload\n");
        script.Append("systemctl enable molecule-workspace.service\n");
        script.Append("systemctl start --no-block molecule-workspace.service\n");
        return script.ToString();
    }

    public static string Encode(string script) => Convert.ToBase64String(Encoding.UTF8.GetBytes(script));

    /// <summary>POSIX single quotes: <c>'</c> becomes <c>'\''</c>.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private const string StartScript = """
        #!/bin/bash
        set -euo pipefail
        . /opt/molecule/workspace.conf
        export AWS_REGION
        if ! command -v docker >/dev/null 2>&1; then
          apt-get update -y && DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io
          systemctl enable --now docker
        fi
        if ! command -v aws >/dev/null 2>&1; then
          snap install aws-cli --classic || (apt-get update -y && DEBIAN_FRONTEND=noninteractive apt-get install -y awscli)
        fi
        umask 077
        aws secretsmanager get-secret-value --region "$AWS_REGION" --secret-id "$SECRET_ID" \
          --query SecretString --output text > /opt/molecule/bundle.json
        install -d -m 0755 "$CONFIG_DIR"
        docker pull "$IMAGE" || true
        python3 - "$CONTAINER" "$IMAGE" "$CONFIG_DIR" <<'MOLECULE_PY'
        import json, os, subprocess, sys
        container, image, config_dir = sys.argv[1:4]
        with open('/opt/molecule/bundle.json') as f:
            bundle = json.load(f)
        os.remove('/opt/molecule/bundle.json')
        token_path = os.path.join(config_dir, '.auth_token')
        with open(token_path, 'w') as f:
            f.write(bundle['auth_token'])
        os.chmod(token_path, 0o644)
        subprocess.run(['chown', '-R', '1000:1000', config_dir], check=False)
        subprocess.run(['docker', 'rm', '-f', container], check=False, capture_output=True)
        env = bundle.get('env', {})
        args = ['docker', 'run', '-d', '--name', container, '--restart', 'unless-stopped', '--network', 'host',
                '-v', config_dir + ':/configs']
        for key in env:
            args += ['-e', key]
        child = dict(os.environ)
        child.update(env)
        subprocess.run(args + [image], env=child, check=True)
        MOLECULE_PY

        """;

    private const string Unit = """
        [Unit]
        Description=Molecule workspace agent
        After=network-online.target docker.service
        Wants=network-online.target

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/opt/molecule/start-workspace.sh
        Restart=on-failure
        RestartSec=15

        [Install]
        WantedBy=multi-user.target

        """;
}
