namespace StaticNet
{
    /// <summary>How a layer's weights are drawn at construction. Biases always start at zero.</summary>
    public enum Initialization
    {
        /// <summary>He-uniform for ReLU, LeakyReLU and ELU layers; Glorot-uniform for the others.</summary>
        Default = 0,

        /// <summary>Glorot/Xavier uniform: U(±√(6/(fanIn + fanOut))), as <c>nn.init.xavier_uniform_</c>.</summary>
        GlorotUniform = 1,

        /// <summary>Glorot/Xavier normal: N(0, 2/(fanIn + fanOut)), as <c>nn.init.xavier_normal_</c>.</summary>
        GlorotNormal = 2,

        /// <summary>He/Kaiming uniform: U(±√(6/fanIn)), as <c>nn.init.kaiming_uniform_(nonlinearity='relu')</c>.</summary>
        HeUniform = 3,

        /// <summary>He/Kaiming normal: N(0, 2/fanIn), as <c>nn.init.kaiming_normal_(nonlinearity='relu')</c>.</summary>
        HeNormal = 4,

        /// <summary>LeCun uniform: U(±√(3/fanIn)).</summary>
        LeCunUniform = 5,

        /// <summary>LeCun normal: N(0, 1/fanIn).</summary>
        LeCunNormal = 6,
    }
}
