using System;
using System.ComponentModel;

namespace StaticNet.Kernels
{
    /// <summary>Inverted dropout on a layer's activations, for training passes.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Dropout
    {
        /// <summary>
        /// Each unit of the batch's rows (sample s's row starts at stride·s, <paramref name="size"/> units) is dropped with
        /// probability p (mask 0) or kept and scaled by 1/(1 − p) (mask 1/(1 − p)), so E[a] is unchanged and prediction
        /// needs no dropout: a ⊙= mask, the mask kept for backpropagation. Draws from <paramref name="random"/> sample by
        /// sample, unit by unit.
        /// </summary>
        public static void Apply(ref NetRandom random, Span<float> a, Span<float> masks, int stride, int count, int size, float p)
        {
            Check.Rows(a.Length, stride, count, size, nameof(a));
            Check.Rows(masks.Length, stride, count, size, nameof(masks));
            float kept = 1f / (1f - p);
            for (int s = 0; s < count; s++)
            {
                for (int j = 0; j < size; j++)
                {
                    int at = stride * s + j;
                    masks[at] = random.NextSingle() < p ? 0f : kept;
                    a[at] *= masks[at];
                }
            }
        }
    }
}
