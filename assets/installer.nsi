; The Windows installer, built on Linux with NSIS by `make windows-installer`:
;   makensis -DVERSION=0.1.0 -DFILEVERSION=0.1.0.1 -DEXE=... -DOUTFILE=... assets/installer.nsi
;
; Per user, without administrator rights: the program goes to
; %LocalAppData%\Programs\ClientTracker (where Windows puts per-user apps),
; with a Start-menu and a desktop shortcut and an entry in Settings > Apps
; (HKCU, so no elevation). The uninstaller removes the program and keeps the
; owner's client books and backups (%AppData%\ClientTracker) unless asked:
; a ticked box in the uninstaller, or /DELETEDATA with /S.

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass -DVERSION=x.y.z, FyneApp.toml's Version (make windows-installer does)"
!endif
; The four-part version Windows shows in the setup file's Properties
; (Version.Build, as assets/windows.rc gives the program).
!ifndef FILEVERSION
  !define FILEVERSION "${VERSION}.0"
!endif
!ifndef EXE
  !define EXE "..\bin\clienttracker.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\bin\ClientTracker-setup.exe"
!endif

!define NAME "Client Tracker"
!define PUBLISHER "Client Tracker"
; The key under HKCU\...\Uninstall that Settings > Apps lists.
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ClientTracker"
; The value the app's "Start at login" option writes (gui/autostart); the
; uninstaller removes it so no login tries to start a removed program.
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define RUN_VALUE "ClientTracker"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ClientTracker"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${FILEVERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${NAME}"
VIAddVersionKey /LANG=0 "FileDescription" "${NAME} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${FILEVERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "icon.ico"
!define MUI_UNICON "icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\clienttracker.exe"
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The languages of the app; the installer picks the one Windows uses.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Romanian"
!insertmacro MUI_LANGUAGE "Armenian"
!insertmacro MUI_LANGUAGE "Georgian"
!insertmacro MUI_LANGUAGE "Russian"

LangString ProgramSection ${LANG_ENGLISH} "Remove the program"
LangString ProgramSection ${LANG_ROMANIAN} "Dezinstalează programul"
LangString ProgramSection ${LANG_ARMENIAN} "Հեռացնել ծրագիրը"
LangString ProgramSection ${LANG_GEORGIAN} "პროგრამის წაშლა"
LangString ProgramSection ${LANG_RUSSIAN} "Удалить программу"
LangString DataSection ${LANG_ENGLISH} "Also delete my client books and backups"
LangString DataSection ${LANG_ROMANIAN} "Șterge și registrele de clienți și copiile de rezervă"
LangString DataSection ${LANG_ARMENIAN} "Ջնջել նաև հաճախորդների գրքերը և պահուստային պատճենները"
LangString DataSection ${LANG_GEORGIAN} "ასევე წაიშალოს კლიენტების წიგნები და სარეზერვო ასლები"
LangString DataSection ${LANG_RUSSIAN} "Удалить также книги клиентов и резервные копии"

Section "${NAME}" SecProgram
  SectionIn RO
  ; An update: a window waiting in the tray (the app starts there at login)
  ; keeps the program in use, so it could not be replaced. Ask every
  ; window to close first, and wait (gui/instance). A version without the
  ; command only prints its usage.
  IfFileExists "$INSTDIR\clienttracker.exe" 0 +2
    ExecWait '"$INSTDIR\clienttracker.exe" quit'
  SetOutPath "$INSTDIR"
  File "/oname=clienttracker.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\clienttracker.exe" "" "$INSTDIR\clienttracker.exe" 0
  CreateShortcut "$DESKTOP\${NAME}.lnk" "$INSTDIR\clienttracker.exe" "" "$INSTDIR\clienttracker.exe" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\clienttracker.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "un.$(ProgramSection)" UnSecProgram
  SectionIn RO
  ; A running window keeps the program in use: close it first.
  IfFileExists "$INSTDIR\clienttracker.exe" 0 +2
    ExecWait '"$INSTDIR\clienttracker.exe" quit'
  Delete "$INSTDIR\clienttracker.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$DESKTOP\${NAME}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"
SectionEnd

; Off unless ticked: the books are the owner's years of work.
Section /o "un.$(DataSection)" UnSecData
  RMDir /r "$APPDATA\ClientTracker"
  ; The window's preferences (the book opened last, the window's place).
  RMDir /r "$APPDATA\fyne\app.clienttracker.desktop"
SectionEnd

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
