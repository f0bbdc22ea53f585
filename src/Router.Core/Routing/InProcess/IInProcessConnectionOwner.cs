namespace Skrouterd.Routing.InProcess;

/// <summary>The endpoint behind an <see cref="InProcessConnection"/> (an adaptor's flow).</summary>
internal interface IInProcessConnectionOwner
{
    /// <summary>Management asked for the connection to close (the C router's connection adminStatus=deleted).</summary>
    void OnForceClose(string condition, string description);
}
