using StaticNet;

namespace UnityLike
{
    // Warnings a project has chosen to silence stay silent (this project builds with warnings as errors):
    // SN0010 by a pragma around the declaration, SN0016 by the .editorconfig beside this file.
#pragma warning disable SN0010
    [Network]
    [Input(2)]
    [Dense(1, Activation.Tanh, Alpha = 0.5f)]
    public partial class SilencedByPragma { }
#pragma warning restore SN0010

    [Network]
    [Input(2)]
    [Dense(3, Activation.Softmax)]
    public partial class SilencedByEditorConfig { }
}
