using YamlDotNet.RepresentationModel;

namespace Byol.Grains.Tests.Deploy;

/// <summary>deploy/k8s: GPU and CPU silo Deployments on Orleans' Kubernetes hosting, its RBAC, config, secret and scaling.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Objects =
        Directory.GetFiles(YamlDocs.DeployPath("k8s"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(YamlDocs.Load).ToList();

    private static YamlMappingNode Object(string kind, string name) =>
        Assert.Single(Objects, o => o.Text("kind") == kind && o.Text("metadata.name") == name);

    private static YamlNode SiloContainer(string deployment) =>
        Assert.Single(Object("Deployment", deployment).Items("spec.template.spec.containers"));

    private static Dictionary<string, YamlNode> Env(YamlNode container) =>
        container.Items("env").ToDictionary(e => e.Text("name")!, e => e);

    [Fact]
    public void Every_manifest_has_a_kind_a_name_and_the_byol_namespace()
    {
        Assert.NotEmpty(Objects);
        Assert.All(Objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Text("apiVersion")));
            Assert.False(string.IsNullOrEmpty(o.Text("metadata.name")));
            if (o.Text("kind") != "Namespace")
                Assert.Equal("byol", o.Text("metadata.namespace"));
        });
    }

    [Fact]
    public void Kustomization_lists_every_manifest()
    {
        var kustomization = YamlDocs.Load(YamlDocs.DeployPath("k8s", "kustomization.yaml")).Single();
        var listed = kustomization.Items("resources").Select(r => r.ToString()).ToHashSet();
        var files = Directory.GetFiles(YamlDocs.DeployPath("k8s"), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        Assert.All(files, f => Assert.Contains(f!, listed));
    }

    [Fact]
    public void Gpu_silos_ask_for_a_gpu_and_land_on_gpu_nodes()
    {
        var deployment = Object("Deployment", "byol-silo-gpu");
        Assert.Equal("true", GpuSelector(deployment));
        var container = SiloContainer("byol-silo-gpu");
        Assert.Equal("1", Limit(container));
        var env = Env(container);
        Assert.Equal("cuda", env["Silo__Accelerator"].Text("value"));
        Assert.Contains(":cuda", container.Text("image"));
    }

    [Fact]
    public void A_cpu_silo_deployment_has_no_gpu()
    {
        var container = SiloContainer("byol-silo-cpu");
        Assert.Null(Limit(container));
        Assert.Equal("cpu", Env(container)["Silo__Accelerator"].Text("value"));
    }

    [Theory]
    [InlineData("byol-silo-gpu")]
    [InlineData("byol-silo-cpu")]
    public void Silos_use_orleans_kubernetes_hosting_with_azure_table_clustering(string deployment)
    {
        var pod = Object("Deployment", deployment).At("spec.template")!;
        Assert.Equal("byol", Label(pod, "orleans/serviceId"));
        Assert.Equal("byol", Label(pod, "orleans/clusterId"));
        Assert.Equal("byol-silo", pod.Text("spec.serviceAccountName"));
        Assert.True(int.Parse(pod.Text("spec.terminationGracePeriodSeconds")!) >= 60, "SIGTERM drains trainers: allow time");
        var container = SiloContainer(deployment);
        var env = Env(container);
        foreach (var name in new[] { "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID", "POD_NAME", "POD_NAMESPACE", "POD_IP" })
            Assert.NotNull(env[name].At("valueFrom.fieldRef.fieldPath"));
        // Connection strings come from the secret, never as literal values in the manifest.
        foreach (var name in new[] { "Cluster__ConnectionString", "Storage__ConnectionString" })
        {
            Assert.Null(env[name].Text("value"));
            Assert.Equal("byol-storage", env[name].Text("valueFrom.secretKeyRef.name"));
        }
        Assert.Equal("byol-silo", Assert.Single(container.Items("envFrom")).Text("configMapRef.name"));
        var config = Object("ConfigMap", "byol-silo").At("data")!;
        Assert.Equal("AzureTable", config.Text("Cluster__Provider"));
        Assert.Equal("true", config.Text("Cluster__Kubernetes"));
        Assert.Equal("AzureBlob", config.Text("Storage__Provider"));
        Assert.Equal("localhost", config.Text("Dashboard__Host"));
        Assert.NotNull(Object("Secret", "byol-storage").Text("stringData.connection-string"));
    }

    [Fact]
    public void Rbac_lets_silos_watch_and_delete_their_pods()
    {
        Object("ServiceAccount", "byol-silo");
        var rule = Assert.Single(Object("Role", "byol-silo").Items("rules"));
        Assert.Contains("pods", rule.Items("resources").Select(r => r.ToString()));
        var verbs = rule.Items("verbs").Select(v => v.ToString()).ToList();
        Assert.All(new[] { "get", "list", "watch", "delete" }, v => Assert.Contains(v, verbs));
        var binding = Object("RoleBinding", "byol-silo");
        Assert.Equal("byol-silo", binding.Text("roleRef.name"));
        Assert.Equal("byol-silo", Assert.Single(binding.Items("subjects")).Text("name"));
    }

    [Fact]
    public void Gpu_silos_scale_with_an_autoscaler()
    {
        var hpa = Object("HorizontalPodAutoscaler", "byol-silo-gpu");
        Assert.Equal("byol-silo-gpu", hpa.Text("spec.scaleTargetRef.name"));
        Assert.True(int.Parse(hpa.Text("spec.maxReplicas")!) > int.Parse(hpa.Text("spec.minReplicas")!));
    }

    // Keys with dots (nvidia.com/gpu, orleans/serviceId) cannot go through the dotted path; read them directly.
    private static string? Limit(YamlNode container) =>
        container.At("resources.limits") is YamlMappingNode limits && limits.Children.TryGetValue(new YamlScalarNode("nvidia.com/gpu"), out var v) ? v.ToString() : null;

    private static string? GpuSelector(YamlNode deployment) =>
        deployment.At("spec.template.spec.nodeSelector") is YamlMappingNode s && s.Children.TryGetValue(new YamlScalarNode("nvidia.com/gpu.present"), out var v) ? v.ToString() : null;

    private static string? Label(YamlNode pod, string label) =>
        pod.At("metadata.labels") is YamlMappingNode l && l.Children.TryGetValue(new YamlScalarNode(label), out var v) ? v.ToString() : null;
}
