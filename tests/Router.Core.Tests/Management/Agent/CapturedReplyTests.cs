using Skrouterd.Amqp.Codec;
using Skrouterd.Management;
using Xunit;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>
/// Replies compared byte for byte with the C router's (shared/captures/04-management.frames.txt: the message payload
/// of each reply transfer, from the header section on). The router and entities are those of the capture
/// (04-management.router.json).
/// </summary>
public sealed class CapturedReplyTests
{
    internal const string CaptureConfig = """
        [
            ["router", {"id": "Router.A", "mode": "interior"}],
            ["listener", {"name": "amqp", "host": "127.0.0.1", "port": "24001", "role": "normal", "saslMechanisms": "ANONYMOUS", "authenticatePeer": false}],
            ["listener", {"name": "inter-router", "host": "127.0.0.1", "port": "24002", "role": "inter-router", "saslMechanisms": "ANONYMOUS", "authenticatePeer": false}],
            ["log", {"module": "DEFAULT", "enable": "info+"}]
        ]
        """;

    private static readonly byte[] s_stringOne = [0xa1, 0x01, 0x31];

    [Fact]
    public void QueryListener_MatchesFrame15()
    {
        using var h = new AgentHarness(CaptureConfig);
        var response = h.Send(["name", "self", "type", "org.amqp.management", "operation", "QUERY", "entityType", "io.skupper.router.listener",
            "offset", 0L, "count", 500L], AgentHarness.Map("attributeNames", new List<object?>()));
        AssertReply("amqp:/_topo/0/Router.A/temp.duM+a5AJR_fsYdG", s_stringOne, response,
            "005370d0000000050000000142005373d000000038000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e64754d2b6135414a525f66735964474040a10131005374d10000002c00000004a10a737461747573436f646571000000c8a1117374617475734465736372697074696f6ea1024f4b005377d10000030000000004a10e6174747269627574654e616d6573d00000018b0000001da104686f7374a104706f7274a113736f636b65744164647265737346616d696c79a104726f6c65a104636f7374a10a73736c50726f66696c65a10e7361736c4d656368616e69736d73a11061757468656e74696361746550656572a11172657175697265456e6372797074696f6ea10a7265717569726553736ca10c6d61784672616d6553697a65a10b6d617853657373696f6e73a1106d617853657373696f6e4672616d6573a11269646c6554696d656f75745365636f6e6473a11e696e697469616c48616e647368616b6554696d656f75745365636f6e6473a1107374726970416e6e6f746174696f6e73a10c6c696e6b4361706163697479a10c6661696c6f76657255726c73a1076865616c74687aa1076d657472696373a10a776562736f636b657473a10468747470a10b68747470526f6f74446972a1186d6573736167654c6f6767696e67436f6d706f6e656e7473a10b706f6c69637956686f7374a10e6f70656e50726f70657274696573a1046e616d65a1086964656e74697479a10474797065a107726573756c7473d00000014e00000002d0000000950000001da1093132372e302e302e31a105323430303140a1066e6f726d616c540140a109414e4f4e594d4f5553424242710000400071000080004054105400a104626f746840404141414240a1046e6f6e654040a104616d7170a11d6c697374656e65722f3132372e302e302e313a32343030313a616d7170a11a696f2e736b75707065722e726f757465722e6c697374656e6572d0000000ab0000001da1093132372e302e302e31a105323430303240a10c696e7465722d726f75746572540140a109414e4f4e594d4f5553424242710000400071000080004054105400a104626f746840404141414240a1046e6f6e654040a10c696e7465722d726f75746572a1256c697374656e65722f3132372e302e302e313a32343030323a696e7465722d726f75746572a11a696f2e736b75707065722e726f757465722e6c697374656e6572");
    }

    [Fact]
    public void CreateTcpListener_MatchesFrame36()
    {
        using var h = new AgentHarness(CaptureConfig);
        var response = h.Send(["operation", "CREATE", "type", "io.skupper.router.tcpListener", "name", "mgmt-tcp-listener"],
            AgentHarness.Map("host", "127.0.0.1", "port", "24100", "address", "mgmt-echo"));
        AssertReply("amqp:/_topo/0/Router.A/temp.Y_VnKnt1eRbLBdF", s_stringOne, response,
            "005370d0000000050000000142005373d000000038000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e595f566e4b6e74316552624c4264464040a10131005374d10000003100000004a10a737461747573436f646571000000c9a1117374617475734465736372697074696f6ea10743726561746564005377d1000001350000001ca104686f7374a1093132372e302e302e31a104706f7274a1053234313030a10761646472657373a1096d676d742d6563686fa10474797065a11d696f2e736b75707065722e726f757465722e7463704c697374656e6572a1046e616d65a1116d676d742d7463702d6c697374656e6572a1086964656e74697479a12d7463704c697374656e65722f3132372e302e302e313a32343130303a6d676d742d7463702d6c697374656e6572a1076261636b6c6f675400a11061757468656e7469636174655065657242a10d656e63617073756c6174696f6ea1066c6567616379a1076279746573496e5400a10862797465734f75745400a111636f6e6e656374696f6e734f70656e65645400a111636f6e6e656374696f6e73436c6f7365645400a10a6f706572537461747573a104646f776e");
    }

    [Fact]
    public void DeleteTcpListener_MatchesFrame58()
    {
        using var h = new AgentHarness(CaptureConfig);
        h.Send(["operation", "CREATE", "type", "io.skupper.router.tcpListener", "name", "mgmt-tcp-listener"],
            AgentHarness.Map("host", "127.0.0.1", "port", "24100", "address", "mgmt-echo"));
        var response = h.Send(["operation", "DELETE", "type", "io.skupper.router.tcpListener", "name", "mgmt-tcp-listener"]);
        AssertReply("amqp:/_topo/0/Router.A/temp.FLe5IIbksNcel2u", s_stringOne, response,
            "005370d0000000050000000142005373d000000038000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e464c65354949626b734e63656c32754040a10131005374d10000003400000004a10a737461747573436f646571000000cca1117374617475734465736372697074696f6ea10a4e6f20436f6e74656e74005377d10000000400000000");
    }

    [Fact]
    public void GetMgmtNodes_Interior_MatchesFrame80()
    {
        using var h = new AgentHarness(CaptureConfig);
        var response = h.Send(["name", "self", "type", "org.amqp.management", "operation", "GET-MGMT-NODES"]);
        AssertReply("amqp:/_topo/0/Router.A/temp.t1w6rnxqxVxF1o9", s_stringOne, response,
            "005370d0000000050000000142005373d000000038000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e74317736726e787178567846316f394040a10131005374d10000002c00000004a10a737461747573436f646571000000c8a1117374617475734465736372697074696f6ea1024f4b005377d00000002800000001a122616d71703a2f5f746f706f2f302f526f757465722e412f246d616e6167656d656e74");
    }

    [Fact]
    public void NoNameOrIdentity_MatchesFrame140_CorrelationIdCopiedVerbatim()
    {
        // The C router's Python agent turned the client's smallulong 1 into smallint 1 (54 01); the writer copies
        // whatever the request carried, so feeding it 54 01 reproduces the frame.
        using var h = new AgentHarness(CaptureConfig);
        var response = h.Send(["operation", "FROBNICATE", "type", "io.skupper.router.listener"]);
        AssertReply("amqp:/_topo/0/Router.A/temp.hfGQlrPl53LgLrv", [0x54, 0x01], response,
            "005370d0000000050000000142005373d000000037000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e686647516c72506c35334c674c727640405401005374d10000006200000004a10a737461747573436f64657100000190a1117374617475734465736372697074696f6ea138696f2e736b75707065722e726f757465722e6c697374656e65723a204e6f206e616d65206f72206964656e746974792070726f7669646564005377d10000000400000000");
        Assert.Contains("AGENT (error) Error performing FROBNICATE: io.skupper.router.listener: No name or identity provided", h.Log.ErrorText);
    }

    [Fact]
    public void OperationNotImplemented_MatchesFrame144()
    {
        using var h = new AgentHarness(CaptureConfig);
        var response = h.Send(["operation", "FROBNICATE", "type", "io.skupper.router.listener", "name", "amqp"]);
        AssertReply("amqp:/_topo/0/Router.A/temp.hfGQlrPl53LgLrv", [0x54, 0x02], response,
            "005370d0000000050000000142005373d000000037000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e686647516c72506c35334c674c727640405402005374d10000008e00000004a10a737461747573436f646571000001f5a1117374617475734465736372697074696f6ea1644f7065726174696f6e202746524f424e494341544527206e6f7420696d706c656d656e74656420666f722027696f2e736b75707065722e726f757465722e6c697374656e657227205b27435245415445272c202744454c455445272c202752454144275d005377d10000000400000000");
    }

    [Fact]
    public void CoreAgentQuery_UlongCorrelationId_MatchesFrame152()
    {
        var body = AgentHarness.Map(
            "attributeNames", AgentHarness.List("identity", "role"),
            "results", AgentHarness.List(AgentHarness.List("6", "normal")));
        var response = ManagementResponse.Ok(body, ValueStyle.Core);
        AssertReply("amqp:/_topo/0/Router.A/temp.hfGQlrPl53LgLrv", [0x80, 0, 0, 0, 0, 0, 0x01, 0x11, 0x71], response,
            "005370d0000000050000000142005373d00000003e000000064040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e686647516c72506c35334c674c72764040800000000000011171005374d10000002c00000004a1117374617475734465736372697074696f6ea1024f4ba10a737461747573436f646571000000c8005377d10000005300000004a10e6174747269627574654e616d6573d00000001400000002a1086964656e74697479a104726f6c65a107726573756c7473d00000001800000001d00000000f00000002a10136a1066e6f726d616c");
    }

    [Fact]
    public void RequestReader_Frame14_ReplyToCorrelationIdPropertiesAndBody()
    {
        var request = ManagementRequestReader.Read(Convert.FromHexString(
            "00537045005373c0350640404040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e64754d2b6135414a525f6673596447a10131005374d10000007f0000000ca1046e616d65a10473656c66a10474797065a1136f72672e616d71702e6d616e6167656d656e74a1096f7065726174696f6ea1055155455259a10a656e7469747954797065a11a696f2e736b75707065722e726f757465722e6c697374656e6572a1066f66667365745500a105636f756e748100000000000001f4005377d10000001500000002a10e6174747269627574654e616d657345"));
        Assert.Equal("amqp:/_topo/0/Router.A/temp.duM+a5AJR_fsYdG", request.ReplyTo);
        Assert.Equal(s_stringOne, request.CorrelationIdRaw);
        Assert.Equal("QUERY", request.Operation);
        Assert.Equal("io.skupper.router.listener", request.EntityType);
        Assert.Equal("self", request.Name);
        Assert.Equal(0L, request.Integer("offset"));
        Assert.Equal(500L, request.Integer("count"));
        Assert.Equal(new List<object?>(), request.BodyMap["attributeNames"]);
    }

    [Fact]
    public void RequestReader_UlongCorrelationId_KeepsEncoding()
    {
        var message = new Skrouterd.Amqp.Messaging.AmqpMessage
        {
            Properties = new Skrouterd.Amqp.Messaging.Properties { ReplyTo = "r", CorrelationId = 70001UL },
            ApplicationProperties = AgentHarness.Map("operation", "QUERY"),
        };
        var request = ManagementRequestReader.Read(message.ToArray());
        Assert.Equal("r", request.ReplyTo);
        Assert.Equal(new byte[] { 0x80, 0, 0, 0, 0, 0, 0x01, 0x11, 0x71 }, request.CorrelationIdRaw);
        Assert.False(request.HasBody);
    }

    private static void AssertReply(string to, byte[] correlationId, ManagementResponse response, string expectedHex)
    {
        byte[] actual = ManagementReplyWriter.Encode(to, correlationId, response);
        Assert.Equal(expectedHex, Convert.ToHexString(actual).ToLowerInvariant());
    }
}
