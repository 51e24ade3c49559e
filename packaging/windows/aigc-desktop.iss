; Inno Setup 6 script: a per-user installer for AIGC Desktop (no administrator rights needed).
;
; Built by `python packaging/build.py --installer` on Windows, which passes the version (read from
; aigc_desktop/__init__.py) and the folders on the command line:
;   iscc /DAppVersion=X.Y.Z /DAppVersionNumbers=X.Y.Z.0 /DBundleDir=dist\aigc-desktop
;        /DOutputDir=dist /DIconFile=resources\icons\aigc-desktop.ico packaging\windows\aigc-desktop.iss

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (build.py does this)
#endif
#ifndef AppVersionNumbers
  #define AppVersionNumbers "0.0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\aigc-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\aigc-desktop.ico"
#endif

#define AppName "AIGC Desktop"
#define AppExe "aigc-desktop.exe"

[Setup]
; A fixed AppId keeps upgrades and the uninstaller tied to one installation. Never change it.
AppId={{6F1C2B9A-3D4E-4F7A-9B2C-A1C0DE5E7D01}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=AIGC Desktop contributors
AppPublisherURL=https://aigc.softsugar.com
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductVersion={#AppVersionNumbers}
VersionInfoDescription={#AppName} setup
; Per-user install: %LOCALAPPDATA%\Programs\AIGC Desktop, no UAC prompt. {autopf} follows the mode.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile={#IconFile}
OutputDir={#OutputDir}
OutputBaseFilename=aigc-desktop-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Close a running copy before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Not every Inno Setup release ships the Simplified Chinese messages: use them when present.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: aigc-desktop.exe (windowed), aigc-desktop-cli.exe (console) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that a newer bundle no longer has must not linger in _internal\.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

