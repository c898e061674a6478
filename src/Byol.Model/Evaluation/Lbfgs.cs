using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Evaluation;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, Algorithm 7.4: two-loop recursion) with a backtracking Armijo line search,
/// minimizing a smooth function of one flat float64 vector. Deterministic: no randomness anywhere.
/// </summary>
internal static class Lbfgs
{
    private const double Armijo = 1e-4;
    private const int MaxBacktracks = 40;

    /// <summary>
    /// Minimizes <paramref name="objective"/> (value and gradient at x) from <paramref name="start"/>; returns the
    /// minimizer (in the caller's dispose scope) and the number of iterations taken.
    /// </summary>
    public static (Tensor Minimizer, int Iterations) Minimize(
        Func<Tensor, (double Value, Tensor Gradient)> objective, Tensor start, int maxIterations, double tolerance, double gradientTolerance, int historySize)
    {
        var steps = new List<Tensor>();
        var gradientChanges = new List<Tensor>();
        var curvatures = new List<double>();
        var x = start.clone();
        var (value, gradient) = objective(x);
        var iterations = 0;
        using var scope = torch.NewDisposeScope();
        while (iterations < maxIterations && gradient.abs().max().item<double>() > gradientTolerance)
        {
            var direction = Direction(gradient, steps, gradientChanges, curvatures);
            var slope = gradient.dot(direction).item<double>();
            if (slope >= 0)
            {
                // Not a descent direction (should not happen with positive curvatures): restart from steepest descent.
                steps.Clear();
                gradientChanges.Clear();
                curvatures.Clear();
                direction = gradient.neg();
                slope = -gradient.dot(gradient).item<double>();
            }

            var stepLength = steps.Count == 0 ? Math.Min(1.0, 1.0 / gradient.abs().sum().item<double>()) : 1.0;
            Tensor next;
            double nextValue;
            Tensor nextGradient;
            var backtracks = 0;
            while (true)
            {
                using var length = stepLength.ToScalar(); // alive until the add returns (TorchSharp reads Scalars)
                next = x.add(direction, alpha: length);
                (nextValue, nextGradient) = objective(next);
                if (nextValue <= value + (Armijo * stepLength * slope) || ++backtracks > MaxBacktracks)
                {
                    break;
                }

                stepLength *= 0.5;
            }

            iterations++;
            var step = next.sub(x);
            var change = nextGradient.sub(gradient);
            var curvature = step.dot(change).item<double>();
            if (curvature > 1e-12)
            {
                steps.Add(step);
                gradientChanges.Add(change);
                curvatures.Add(curvature);
                if (steps.Count > historySize)
                {
                    steps.RemoveAt(0);
                    gradientChanges.RemoveAt(0);
                    curvatures.RemoveAt(0);
                }
            }

            var decrease = value - nextValue;
            (x, value, gradient) = (next, nextValue, nextGradient);
            if (Math.Abs(decrease) < tolerance)
            {
                break;
            }
        }

        return (x.MoveToOuterDisposeScope(), iterations);
    }

    /// <summary>-H g by the two-loop recursion, H0 = (s'y / y'y) I from the newest pair.</summary>
    private static Tensor Direction(Tensor gradient, List<Tensor> steps, List<Tensor> gradientChanges, List<double> curvatures)
    {
        var q = gradient.clone();
        var alphas = new double[steps.Count];
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            alphas[i] = steps[i].dot(q).item<double>() / curvatures[i];
            using var minusAlpha = (-alphas[i]).ToScalar(); // alive until the add returns (TorchSharp reads Scalars)
            q.add_(gradientChanges[i], alpha: minusAlpha);
        }

        if (steps.Count > 0)
        {
            var newest = gradientChanges[^1];
            using var scale = (curvatures[^1] / newest.dot(newest).item<double>()).ToScalar();
            q.mul_(scale);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var beta = gradientChanges[i].dot(q).item<double>() / curvatures[i];
            using var correction = (alphas[i] - beta).ToScalar();
            q.add_(steps[i], alpha: correction);
        }

        return q.neg_();
    }
}
