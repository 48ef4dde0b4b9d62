; Claimtrace's Windows installer (Inno Setup 6), built by .github/workflows/release.yml:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\claimtrace.iss
;
; from target\release\claimtrace.exe into target\dist\claimtrace-<version>-x86_64-windows-setup.exe.
; It installs for the current user without administrator rights (into
; %LOCALAPPDATA%\Programs\Claimtrace; an administrator may choose all users), adds a Start-menu
; entry, and makes .claimtrace files open in Claimtrace on a double-click. Claimtrace is also
; offered under "Open with" for .ron files (projects made before .claimtrace) without taking
; .ron over: other programs' settings files end in .ron too. The installer is not signed: see
; README, "Install".

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z claimtrace.iss
#endif

[Setup]
AppId={{C532D156-7C36-48B2-BA63-07C390DA6A1B}
AppName=Claimtrace
AppVersion={#AppVersion}
AppVerName=Claimtrace {#AppVersion}
AppPublisher=The Claimtrace maintainers
DefaultDirName={autopf}\Claimtrace
DefaultGroupName=Claimtrace
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\target\dist
OutputBaseFilename=claimtrace-{#AppVersion}-x86_64-windows-setup
SetupIconFile=..\..\assets\icons\claimtrace.ico
UninstallDisplayIcon={app}\claimtrace.ico
LicenseFile=..\..\LICENSE-MIT
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\target\release\claimtrace.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\assets\icons\claimtrace.ico"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\README.md"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\LICENSE-MIT"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\LICENSE-APACHE"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\assets\fonts\NotoSans-OFL.txt"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\Claimtrace"; Filename: "{app}\claimtrace.exe"; IconFilename: "{app}\claimtrace.ico"; Comment: "Record who claims what in news articles"
Name: "{autodesktop}\Claimtrace"; Filename: "{app}\claimtrace.exe"; IconFilename: "{app}\claimtrace.ico"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install and HKEY_LOCAL_MACHINE for all users.
Root: HKA; Subkey: "Software\Classes\.claimtrace"; ValueType: string; ValueName: ""; ValueData: "Claimtrace.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.claimtrace"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-claimtrace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.claimtrace"; ValueType: string; ValueName: "PerceivedType"; ValueData: "text"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.claimtrace\OpenWithProgids"; ValueType: string; ValueName: "Claimtrace.Project"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.ron\OpenWithProgids"; ValueType: string; ValueName: "Claimtrace.Project"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Claimtrace.Project"; ValueType: string; ValueName: ""; ValueData: "Claimtrace project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Claimtrace.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\claimtrace.ico"
Root: HKA; Subkey: "Software\Classes\Claimtrace.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\claimtrace.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\claimtrace.exe\SupportedTypes"; ValueType: string; ValueName: ".claimtrace"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\claimtrace.exe\SupportedTypes"; ValueType: string; ValueName: ".ron"; ValueData: ""

[Run]
Filename: "{app}\claimtrace.exe"; Description: "{cm:LaunchProgram,Claimtrace}"; Flags: nowait postinstall skipifsilent
