; Salondesk's Windows installer (NSIS; Debian's `nsis` gives makensis):
;   (packaging/windows/build-installer makes the icon and calls makensis)
; A per-user install (no administrator needed at a reception PC): the
; programs in %LOCALAPPDATA%\Programs\Salondesk, Start-menu entries for the
; desk and the kiosk, an uninstaller. The salon's data lives in
; %APPDATA%\Salondesk and is never touched by installing or uninstalling.
; 64-bit like the programs (a 32-bit installer would need WoW64, absent from a 64-bit-only Wine).
Target amd64-unicode
; A debug build for the smoke test is packed quickly; what is shipped, small.
!ifdef FAST
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION is not defined"
!endif

Name "Salondesk ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Salondesk"
Icon "${ICON}"
UninstallIcon "${ICON}"
ShowInstDetails show

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Salondesk"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Salondesk"
  SetOutPath "$INSTDIR"
  File "${BIN}\salondesk.exe"
  File "${BIN}\salondesk-desk.exe"
  File /oname=salondesk.ico "${ICON}"
  File /oname=licences.txt "..\..\assets\licences\licences.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\Salondesk"
  CreateShortcut "$SMPROGRAMS\Salondesk\Salondesk.lnk" "$INSTDIR\salondesk-desk.exe" "" "$INSTDIR\salondesk.ico"
  CreateShortcut "$SMPROGRAMS\Salondesk\Salondesk Kiosk.lnk" "$INSTDIR\salondesk-desk.exe" "kiosk" "$INSTDIR\salondesk.ico"
  CreateShortcut "$SMPROGRAMS\Salondesk\Uninstall Salondesk.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Salondesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Salondesk developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\salondesk.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; The programs and entries go; %APPDATA%\Salondesk (the salon's file, its
; backups, documents and logs) stays: a reinstall finds the salon as it was.
Section "Uninstall"
  Delete "$INSTDIR\salondesk.exe"
  Delete "$INSTDIR\salondesk-desk.exe"
  Delete "$INSTDIR\salondesk.ico"
  Delete "$INSTDIR\licences.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Salondesk\Salondesk.lnk"
  Delete "$SMPROGRAMS\Salondesk\Salondesk Kiosk.lnk"
  Delete "$SMPROGRAMS\Salondesk\Uninstall Salondesk.lnk"
  RMDir "$SMPROGRAMS\Salondesk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
