using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Contracts.Specs;

namespace Byol.Contracts.Sweeps;

/// <summary>
/// The `sweep show` JSON document of DESIGN.md (snake_case field names, lower-case states), shared by the silo's
/// `demo --json` and the client's `--json`, so both print the same contract.
/// </summary>
public static class SweepJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(SweepView view, bool indented = true) =>
        ToNode(view).ToJsonString(indented ? Indented : JsonSerializerOptions.Default);

    public static JsonObject ToNode(SweepView view) => new()
    {
        ["id"] = view.Id,
        ["name"] = view.Name,
        ["state"] = Name(view.State),
        ["objective"] = new JsonObject
        {
            ["metric"] = SpecNames.Of(view.Objective.Metric),
            ["mode"] = SpecNames.Of(view.Objective.Mode),
        },
        ["scheduler"] = view.Scheduler,
        ["submitted_at"] = view.SubmittedAt,
        ["finished_at"] = view.FinishedAt,
        ["error"] = view.Error,
        ["baselines"] = view.Baselines is { } b
            ? new JsonObject
            {
                ["random_init"] = Scores(b.RandomInit),
                ["raw_pixels"] = Scores(b.RawPixels),
            }
            : null,
        ["trials"] = new JsonArray(view.Trials.Select(Trial).ToArray<JsonNode?>()),
        ["paper"] = view.Paper is { } paper ? Paper(paper) : null,
    };

    /// <summary>The spec's <c>paper:</c> block: the published figures the sweep is compared with.</summary>
    public static JsonObject Paper(PaperReference paper) => new()
    {
        ["source"] = paper.Source,
        ["claim"] = paper.Claim,
        ["setting"] = paper.Setting,
        ["metric"] = SpecNames.Of(paper.Metric),
        ["relative_to"] = paper.RelativeTo is { } reference ? Params(reference) : null,
        ["rows"] = new JsonArray(paper.Rows.Select(r => (JsonNode?)new JsonObject
        {
            ["label"] = r.Label,
            ["match"] = Params(r.Match),
            ["value"] = r.Value,
        }).ToArray()),
    };

    public static JsonObject Trial(TrialView t)
    {
        var node = new JsonObject
        {
            ["id"] = t.Id,
            ["params"] = Params(t.Params),
            ["seed"] = t.Seed,
            ["state"] = Name(t.State),
            ["step"] = t.Step,
            ["steps"] = t.Steps,
            ["silo"] = t.Silo,
            ["restarts"] = t.Restarts,
            ["steps_redone"] = t.StepsRedone,
            ["rank"] = t.Rank,
            ["metrics"] = new JsonObject
            {
                ["loss"] = t.Metrics.Loss,
                ["knn_top1"] = t.Metrics.KnnTop1,
                ["linear_top1"] = t.Metrics.LinearTop1,
                ["z_std"] = t.Metrics.ZStd,
                ["images_per_s"] = t.Metrics.ImagesPerSecond,
            },
        };
        if (t.Error is not null)
            node["error"] = t.Error;
        return node;
    }

    public static string Name(TrialState state) => state.ToString().ToLowerInvariant();
    public static string Name(SweepState state) => state.ToString().ToLowerInvariant();

    private static JsonObject Params(IReadOnlyDictionary<string, ParamValue> parameters) =>
        new(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Value(p.Value))));

    private static JsonObject Scores(BaselineScores s) => new() { ["knn_top1"] = s.KnnTop1, ["linear_top1"] = s.LinearTop1 };

    private static JsonNode? Value(ParamValue v) => v.Kind switch
    {
        ParamKind.Real => JsonValue.Create(v.Real),
        ParamKind.Integer => JsonValue.Create(v.Integer),
        ParamKind.Bool => JsonValue.Create(v.Bool),
        _ => JsonValue.Create(v.Text),
    };
}
