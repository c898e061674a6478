namespace Byol.Model.Objectives;

/// <summary>Builds the objective a spec names: "byol" or "simclr".</summary>
public static class SelfSupervisedObjectives
{
    public static ISelfSupervisedObjective Create(string name, double temperature = 0.1) => name switch
    {
        "byol" => new ByolObjective(),
        "simclr" => new NtXentObjective(temperature),
        _ => throw new ArgumentException($"unknown objective '{name}' (expected byol or simclr)", nameof(name)),
    };
}
