; duizhao's Windows installer: a cargo-packager 0.11 NSIS template (Cargo.toml,
; [package.metadata.packager.nsis] template). cargo-packager fills in the handlebars values and
; runs makensis; packaging/test-nsis-wine.sh renders it the same way on Linux and checks it
; under Wine.
;
; Why not the stock template: its APP_ASSOCIATE makes duizhao the default program of every
; associated extension that no other program claims (.txt, .md, .pdf …), and its uninstaller
; loops over a field that does not exist, so the associations outlive the app. This one:
;   - .duizhao (the project file) opens in duizhao by default: ProgID duizhao.Project, icon;
;   - every document extension only offers duizhao under "Open with" (OpenWithProgids and
;     Applications\duizhao.exe\SupportedTypes); it never takes a default;
;   - one Start-menu entry;
;   - the uninstaller removes every key, value and file written here, and nothing else: a
;     shared key (.txt, .txt\OpenWithProgids) is removed only when it is left empty.
; tests/packaging.rs checks that every registry write below has its removal.
;
; Per user only (HKCU, %LOCALAPPDATA%): no administrator rights needed.

Unicode true
!if "{{compression}}" == ""
  SetCompressor /SOLID lzma
!else
  SetCompressor /SOLID "{{compression}}"
!endif

!include MUI2.nsh
!include LogicLib.nsh

!define PRODUCTNAME "{{product_name}}"
!define VERSION "{{version}}"
!define VERSIONWITHBUILD "{{version_with_build}}"
!define MANUFACTURER "{{manufacturer}}"
!define SHORTDESCRIPTION "{{short_description}}"
!define COPYRIGHT "{{copyright}}"
!define IDENTIFIER "{{identifier}}"
!define INSTALLMODE "{{install_mode}}"
!define INSTALLERICON "{{installer_icon}}"
!define MAINBINARYNAME "{{main_binary_name}}"
!define MAINBINARYSRCPATH "{{main_binary_path}}"
!define OUTFILE "{{out_file}}"
!define ESTIMATEDSIZE "{{estimated_size}}"

!if "${INSTALLMODE}" != "currentUser"
  !error "packaging/windows/installer.nsi installs per user only (installer-mode = currentUser)"
!endif

; What the installer writes (all under HKCU).
!define EXE "$INSTDIR\${MAINBINARYNAME}.exe"
!define ICON "$INSTDIR\${MAINBINARYNAME}.ico"
!define CLASSES "Software\Classes"
!define PROJECTEXT "duizhao"
!define PROJECTPROGID "duizhao.Project"
!define DOCUMENTPROGID "duizhao.Document"
; The ProgID each association's role (editor, viewer) offers under "Open with".
!define PROGID_editor "${PROJECTPROGID}"
!define PROGID_viewer "${DOCUMENTPROGID}"
!define APPSKEY "${CLASSES}\Applications"
!define APPKEY "${APPSKEY}\${MAINBINARYNAME}.exe"
!define UNINSTALLS "Software\Microsoft\Windows\CurrentVersion\Uninstall"
!define UNINSTKEY "${UNINSTALLS}\${IDENTIFIER}"
!define STARTMENULINK "$SMPROGRAMS\${PRODUCTNAME}.lnk"

Name "${PRODUCTNAME}"
BrandingText "${COPYRIGHT}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\${PRODUCTNAME}"
; An upgrade goes where the last install went.
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"

VIProductVersion "${VERSIONWITHBUILD}"
VIAddVersionKey "ProductName" "${PRODUCTNAME}"
VIAddVersionKey "FileDescription" "${SHORTDESCRIPTION}"
VIAddVersionKey "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"

!if "${INSTALLERICON}" != ""
  !define MUI_ICON "${INSTALLERICON}"
  !define MUI_UNICON "${INSTALLERICON}"
!endif

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "${EXE}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; The first is the fallback; Windows set to Chinese gets the Chinese pages.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

; A ProgID whose "open" runs duizhao.exe FILE (main.rs reads that as `duizhao open FILE`).
!macro PROGID ID NAME
  WriteRegStr HKCU "${CLASSES}\${ID}" "" "${NAME}"
  WriteRegStr HKCU "${CLASSES}\${ID}\DefaultIcon" "" "${ICON},0"
  WriteRegStr HKCU "${CLASSES}\${ID}\shell\open\command" "" '"${EXE}" "%1"'
!macroend

; duizhao under "Open with" for .EXT, as ProgID ID; the extension's default is left alone.
!macro OFFER_OPEN_WITH EXT ID
  WriteRegStr HKCU "${CLASSES}\.${EXT}\OpenWithProgids" "${ID}" ""
  WriteRegStr HKCU "${APPKEY}\SupportedTypes" ".${EXT}" ""
!macroend

; Undoes OFFER_OPEN_WITH: the value, then each key only if nothing else is left in it.
!macro UN_OFFER_OPEN_WITH EXT ID
  DeleteRegValue HKCU "${CLASSES}\.${EXT}\OpenWithProgids" "${ID}"
  DeleteRegKey /ifnosubkeys /ifnovalues HKCU "${CLASSES}\.${EXT}\OpenWithProgids"
  DeleteRegKey /ifnosubkeys /ifnovalues HKCU "${CLASSES}\.${EXT}"
  DeleteRegValue HKCU "${APPKEY}\SupportedTypes" ".${EXT}"
!macroend

Section Install
  SetOutPath "$INSTDIR"
  File "/oname=${MAINBINARYNAME}.exe" "${MAINBINARYSRCPATH}"
  ; duizhao.exe has no icon resource: the shortcut and the file types use this one.
  File "/oname=${MAINBINARYNAME}.ico" "${INSTALLERICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "${STARTMENULINK}" "${EXE}" "" "${ICON}" 0

  ; .duizhao: a project file, opened by duizhao by default.
  !insertmacro PROGID "${PROJECTPROGID}" "${PRODUCTNAME} project"
  WriteRegStr HKCU "${CLASSES}\.${PROJECTEXT}" "" "${PROJECTPROGID}"
  ; The documents duizhao reads: offered, never taken.
  !insertmacro PROGID "${DOCUMENTPROGID}" "Document (${PRODUCTNAME})"
  WriteRegStr HKCU "${APPKEY}" "FriendlyAppName" "${PRODUCTNAME}"
  WriteRegStr HKCU "${APPKEY}\DefaultIcon" "" "${ICON},0"
  WriteRegStr HKCU "${APPKEY}\shell\open\command" "" '"${EXE}" "%1"'
  {{#each file_associations as |association| ~}}
  {{#each association.extensions as |ext| ~}}
  !insertmacro OFFER_OPEN_WITH "{{ext}}" "${PROGID_{{association.role}}}"
  {{/each}}
  {{/each}}

  ; Settings → Apps.
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${PRODUCTNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "${ICON}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${MANUFACTURER}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "${ESTIMATEDSIZE}"

  ; SHCNE_ASSOCCHANGED: Explorer rereads the associations.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section Uninstall
  ; .duizhao's default, only while it is still duizhao's.
  ReadRegStr $0 HKCU "${CLASSES}\.${PROJECTEXT}" ""
  ${If} $0 == "${PROJECTPROGID}"
    DeleteRegValue HKCU "${CLASSES}\.${PROJECTEXT}" ""
  ${EndIf}
  {{#each file_associations as |association| ~}}
  {{#each association.extensions as |ext| ~}}
  !insertmacro UN_OFFER_OPEN_WITH "{{ext}}" "${PROGID_{{association.role}}}"
  {{/each}}
  {{/each}}
  DeleteRegKey HKCU "${APPKEY}"
  DeleteRegKey HKCU "${CLASSES}\${PROJECTPROGID}"
  DeleteRegKey HKCU "${CLASSES}\${DOCUMENTPROGID}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  ; Parents the writes above create when missing (a fresh profile): only if left empty.
  DeleteRegKey /ifnosubkeys /ifnovalues HKCU "${APPSKEY}"
  DeleteRegKey /ifnosubkeys /ifnovalues HKCU "${UNINSTALLS}"

  Delete "${STARTMENULINK}"
  Delete "${EXE}"
  Delete "${ICON}"
  Delete "$INSTDIR\uninstall.exe"
  ; Only if empty: what the user saved in the folder stays.
  RMDir "$INSTDIR"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
