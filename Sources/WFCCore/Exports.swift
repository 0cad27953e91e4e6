// The command line, the language server, the probe and the fuzz targets see every stage
// through `import WFCCore`; the stages themselves import only the stages before them.
@_exported import WFCBuild
@_exported import WFCChecks
@_exported import WFCEmit
@_exported import WFCLanguage
@_exported import WFCPlan
@_exported import WFCReport
