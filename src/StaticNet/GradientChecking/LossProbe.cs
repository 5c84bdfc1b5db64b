using System;

namespace StaticNet
{
    /// <summary>The network's float loss on one sample with one parameter changed, the parameter put back afterwards.</summary>
    internal readonly ref struct LossProbe
    {
        private readonly INetwork _network;
        private readonly ReadOnlySpan<float> _input, _target;
        private readonly Span<float> _parameters;

        public LossProbe(INetwork network, ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> parameters)
        {
            _network = network; _input = input; _target = target; _parameters = parameters;
        }

        /// <summary>L at the parameters as they are.</summary>
        public double Loss() => _network.ComputeLoss(_input, _target);

        /// <summary>L with parameter <paramref name="parameter"/> set to <paramref name="value"/>.</summary>
        public double LossWith(int parameter, float value)
        {
            float original = _parameters[parameter];
            _parameters[parameter] = value;
            try
            {
                return _network.ComputeLoss(_input, _target);
            }
            finally
            {
                _parameters[parameter] = original;
            }
        }
    }
}
