namespace StaticNet
{
    /// <summary>The gradient check of one block of parameters: a layer's weights, or its biases.</summary>
    public sealed class GradientCheckSummary
    {
        internal GradientCheckSummary(string name, int start, int count, ParameterChecks checks)
        {
            Name = name;
            Start = start;
            Count = count;
            WorstParameter = -1;
            for (int i = start; i < start + count; i++)
            {
                switch (checks.States[i])
                {
                    case ParameterCheckState.SkippedAtKink:
                        Skipped++;
                        continue;
                    case ParameterCheckState.NotSampled:
                        continue;
                }
                Checked++;
                if (checks.Fails(i)) Failed++;
                if (checks.AbsoluteErrors[i] > MaxAbsoluteError) MaxAbsoluteError = checks.AbsoluteErrors[i];
                if (WorstParameter < 0 || checks.RelativeErrors[i] > MaxRelativeError)
                {
                    MaxRelativeError = checks.RelativeErrors[i];
                    WorstParameter = i;
                }
            }
        }

        /// <summary>"W1" (layer 1's weights) or "b1" (its biases); layers are counted from 1, as in the generated code.</summary>
        public string Name { get; }

        /// <summary>Index of the block's first parameter in <see cref="INetwork.Parameters"/>.</summary>
        public int Start { get; }

        /// <summary>Parameters in the block.</summary>
        public int Count { get; }

        /// <summary>Parameters compared with their finite difference.</summary>
        public int Checked { get; }

        /// <summary>Parameters whose step moves a ReLU, LeakyReLU or ELU unit across its kink, where no difference quotient is meaningful.</summary>
        public int Skipped { get; }

        /// <summary>Checked parameters whose relative error is above the tolerance.</summary>
        public int Failed { get; }

        /// <summary>The largest |backpropagated − finite difference| among the checked parameters (0 when none was).</summary>
        public double MaxAbsoluteError { get; }

        /// <summary>The largest relative error among the checked parameters (0 when none was); see <see cref="GradientCheckResult.MaxRelativeError"/>.</summary>
        public double MaxRelativeError { get; }

        /// <summary>Index in <see cref="INetwork.Parameters"/> of the parameter with the largest relative error; −1 when none was checked.</summary>
        public int WorstParameter { get; }

        /// <summary>No checked parameter failed.</summary>
        public bool Passed => Failed == 0;
    }
}
