using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>Shape checks shared by the evaluators, with messages that name the argument.</summary>
internal static class EvaluationInputs
{
    /// <summary>features: [n, d] with n &gt; 0; labels: [n] of class indices.</summary>
    public static void RequireFeaturesAndLabels(Tensor features, Tensor labels, string name)
    {
        if (features.dim() != 2 || features.shape[0] == 0)
        {
            throw new ArgumentException($"{name} must be a non-empty [rows, dims] matrix, got [{string.Join(", ", features.shape)}]", name);
        }

        if (labels.dim() != 1 || labels.shape[0] != features.shape[0])
        {
            throw new ArgumentException(
                $"{name}: expected {features.shape[0]} labels in a vector, got [{string.Join(", ", labels.shape)}]", name);
        }
    }
}
