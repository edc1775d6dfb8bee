/* clang_api.h: libclang, opened at run time (clang_api.c) so that the preprocessor runs while the
 * library loads. Every clang_ function the transpiler calls goes through this table. */
#ifndef ASYNCC_CLANG_API_H
#define ASYNCC_CLANG_API_H

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

#define CX_FUNCTIONS(X) \
    X(clang_CompilationDatabase_dispose) \
    X(clang_CompilationDatabase_fromDirectory) \
    X(clang_CompilationDatabase_getAllCompileCommands) \
    X(clang_CompilationDatabase_getCompileCommands) \
    X(clang_CompileCommand_getArg) \
    X(clang_CompileCommand_getDirectory) \
    X(clang_CompileCommand_getFilename) \
    X(clang_CompileCommand_getNumArgs) \
    X(clang_CompileCommands_dispose) \
    X(clang_CompileCommands_getCommand) \
    X(clang_CompileCommands_getSize) \
    X(clang_Cursor_Evaluate) \
    X(clang_Cursor_getStorageClass) \
    X(clang_Cursor_isFunctionInlined) \
    X(clang_Cursor_getTranslationUnit) \
    X(clang_Cursor_getVarDeclInitializer) \
    X(clang_Cursor_hasAttrs) \
    X(clang_Cursor_isAnonymous) \
    X(clang_Cursor_isAnonymousRecordDecl) \
    X(clang_Cursor_isNull) \
    X(clang_EvalResult_dispose) \
    X(clang_EvalResult_getAsLongLong) \
    X(clang_EvalResult_getAsUnsigned) \
    X(clang_EvalResult_getKind) \
    X(clang_EvalResult_isUnsignedInt) \
    X(clang_File_isEqual) \
    X(clang_TargetInfo_dispose) \
    X(clang_TargetInfo_getPointerWidth) \
    X(clang_Type_getAlignOf) \
    X(clang_Type_getModifiedType) \
    X(clang_Type_getNamedType) \
    X(clang_Type_getValueType) \
    X(clang_Type_getOffsetOf) \
    X(clang_Type_getSizeOf) \
    X(clang_Type_visitFields) \
    X(clang_createIndex) \
    X(clang_disposeDiagnostic) \
    X(clang_disposeIndex) \
    X(clang_disposeString) \
    X(clang_disposeTranslationUnit) \
    X(clang_equalCursors) \
    X(clang_equalLocations) \
    X(clang_getArgType) \
    X(clang_Cursor_getArgument) \
    X(clang_Cursor_getNumArguments) \
    X(clang_getArrayElementType) \
    X(clang_getCString) \
    X(clang_getCanonicalCursor) \
    X(clang_getCanonicalType) \
    X(clang_getClangVersion) \
    X(clang_getCursorDefinition) \
    X(clang_getCursorExtent) \
    X(clang_getCursorKind) \
    X(clang_getCursorLocation) \
    X(clang_Location_isInSystemHeader) \
    X(clang_getCursorReferenced) \
    X(clang_getCursorSpelling) \
    X(clang_getCursorTLSKind) \
    X(clang_getCursorType) \
    X(clang_getEnumConstantDeclValue) \
    X(clang_getEnumDeclIntegerType) \
    X(clang_Cursor_isBitField) \
    X(clang_getFieldDeclBitWidth) \
    X(clang_getCursorSemanticParent) \
    X(clang_getTypeDeclaration) \
    X(clang_getChildDiagnostics) \
    X(clang_getDiagnostic) \
    X(clang_getDiagnosticInSet) \
    X(clang_getDiagnosticLocation) \
    X(clang_getDiagnosticNumRanges) \
    X(clang_getDiagnosticOption) \
    X(clang_getDiagnosticRange) \
    X(clang_getDiagnosticSeverity) \
    X(clang_getDiagnosticSpelling) \
    X(clang_getFile) \
    X(clang_getLocationForOffset) \
    X(clang_getNullCursor) \
    X(clang_getNumArgTypes) \
    X(clang_getNumDiagnostics) \
    X(clang_getNumDiagnosticsInSet) \
    X(clang_getPointeeType) \
    X(clang_getPresumedLocation) \
    X(clang_getRangeEnd) \
    X(clang_getRangeStart) \
    X(clang_getResultType) \
    X(clang_getSpellingLocation) \
    X(clang_getTranslationUnitCursor) \
    X(clang_getTranslationUnitTargetInfo) \
    X(clang_getTypedefDeclUnderlyingType) \
    X(clang_getTypeSpelling) \
    X(clang_hashCursor) \
    X(clang_isConstQualifiedType) \
    X(clang_isCursorDefinition) \
    X(clang_isExpression) \
    X(clang_isAttribute) \
    X(clang_isFunctionTypeVariadic) \
    X(clang_isStatement) \
    X(clang_isVolatileQualifiedType) \
    X(clang_parseTranslationUnit2) \
    X(clang_visitChildren)

struct cx_api {
#define CX_MEMBER(f) __typeof__(f) *f;
    CX_FUNCTIONS(CX_MEMBER)
#undef CX_MEMBER
};

extern struct cx_api cx_api;

/* Opens libclang and finds every function of the table. Returns 0, or -1 after printing why. */
int cx_load(void);

#ifndef CX_API_DEFINE
#define clang_CompilationDatabase_dispose (cx_api.clang_CompilationDatabase_dispose)
#define clang_CompilationDatabase_fromDirectory (cx_api.clang_CompilationDatabase_fromDirectory)
#define clang_CompilationDatabase_getAllCompileCommands (cx_api.clang_CompilationDatabase_getAllCompileCommands)
#define clang_CompilationDatabase_getCompileCommands (cx_api.clang_CompilationDatabase_getCompileCommands)
#define clang_CompileCommand_getArg (cx_api.clang_CompileCommand_getArg)
#define clang_CompileCommand_getDirectory (cx_api.clang_CompileCommand_getDirectory)
#define clang_CompileCommand_getFilename (cx_api.clang_CompileCommand_getFilename)
#define clang_CompileCommand_getNumArgs (cx_api.clang_CompileCommand_getNumArgs)
#define clang_CompileCommands_dispose (cx_api.clang_CompileCommands_dispose)
#define clang_CompileCommands_getCommand (cx_api.clang_CompileCommands_getCommand)
#define clang_CompileCommands_getSize (cx_api.clang_CompileCommands_getSize)
#define clang_Cursor_Evaluate (cx_api.clang_Cursor_Evaluate)
#define clang_Cursor_getStorageClass (cx_api.clang_Cursor_getStorageClass)
#define clang_Cursor_getTranslationUnit (cx_api.clang_Cursor_getTranslationUnit)
#define clang_Cursor_getVarDeclInitializer (cx_api.clang_Cursor_getVarDeclInitializer)
#define clang_Cursor_hasAttrs (cx_api.clang_Cursor_hasAttrs)
#define clang_Cursor_isAnonymous (cx_api.clang_Cursor_isAnonymous)
#define clang_Cursor_isAnonymousRecordDecl (cx_api.clang_Cursor_isAnonymousRecordDecl)
#define clang_Cursor_isNull (cx_api.clang_Cursor_isNull)
#define clang_EvalResult_dispose (cx_api.clang_EvalResult_dispose)
#define clang_EvalResult_getAsLongLong (cx_api.clang_EvalResult_getAsLongLong)
#define clang_EvalResult_getAsUnsigned (cx_api.clang_EvalResult_getAsUnsigned)
#define clang_EvalResult_getKind (cx_api.clang_EvalResult_getKind)
#define clang_EvalResult_isUnsignedInt (cx_api.clang_EvalResult_isUnsignedInt)
#define clang_File_isEqual (cx_api.clang_File_isEqual)
#define clang_TargetInfo_dispose (cx_api.clang_TargetInfo_dispose)
#define clang_TargetInfo_getPointerWidth (cx_api.clang_TargetInfo_getPointerWidth)
#define clang_Type_getAlignOf (cx_api.clang_Type_getAlignOf)
#define clang_Type_getModifiedType (cx_api.clang_Type_getModifiedType)
#define clang_Type_getNamedType (cx_api.clang_Type_getNamedType)
#define clang_Type_getValueType (cx_api.clang_Type_getValueType)
#define clang_Type_getOffsetOf (cx_api.clang_Type_getOffsetOf)
#define clang_Type_getSizeOf (cx_api.clang_Type_getSizeOf)
#define clang_Type_visitFields (cx_api.clang_Type_visitFields)
#define clang_createIndex (cx_api.clang_createIndex)
#define clang_disposeDiagnostic (cx_api.clang_disposeDiagnostic)
#define clang_disposeIndex (cx_api.clang_disposeIndex)
#define clang_disposeString (cx_api.clang_disposeString)
#define clang_disposeTranslationUnit (cx_api.clang_disposeTranslationUnit)
#define clang_equalCursors (cx_api.clang_equalCursors)
#define clang_equalLocations (cx_api.clang_equalLocations)
#define clang_getArgType (cx_api.clang_getArgType)
#define clang_Cursor_getArgument (cx_api.clang_Cursor_getArgument)
#define clang_Cursor_getNumArguments (cx_api.clang_Cursor_getNumArguments)
#define clang_getArrayElementType (cx_api.clang_getArrayElementType)
#define clang_getCString (cx_api.clang_getCString)
#define clang_getCanonicalCursor (cx_api.clang_getCanonicalCursor)
#define clang_Cursor_isFunctionInlined (cx_api.clang_Cursor_isFunctionInlined)
#define clang_getCanonicalType (cx_api.clang_getCanonicalType)
#define clang_getClangVersion (cx_api.clang_getClangVersion)
#define clang_getCursorDefinition (cx_api.clang_getCursorDefinition)
#define clang_getCursorExtent (cx_api.clang_getCursorExtent)
#define clang_getCursorKind (cx_api.clang_getCursorKind)
#define clang_getCursorLocation (cx_api.clang_getCursorLocation)
#define clang_Location_isInSystemHeader (cx_api.clang_Location_isInSystemHeader)
#define clang_getCursorReferenced (cx_api.clang_getCursorReferenced)
#define clang_getCursorSpelling (cx_api.clang_getCursorSpelling)
#define clang_getCursorTLSKind (cx_api.clang_getCursorTLSKind)
#define clang_getCursorType (cx_api.clang_getCursorType)
#define clang_getEnumConstantDeclValue (cx_api.clang_getEnumConstantDeclValue)
#define clang_getEnumDeclIntegerType (cx_api.clang_getEnumDeclIntegerType)
#define clang_Cursor_isBitField (cx_api.clang_Cursor_isBitField)
#define clang_getFieldDeclBitWidth (cx_api.clang_getFieldDeclBitWidth)
#define clang_getCursorSemanticParent (cx_api.clang_getCursorSemanticParent)
#define clang_getTypeDeclaration (cx_api.clang_getTypeDeclaration)
#define clang_getChildDiagnostics (cx_api.clang_getChildDiagnostics)
#define clang_getDiagnostic (cx_api.clang_getDiagnostic)
#define clang_getDiagnosticInSet (cx_api.clang_getDiagnosticInSet)
#define clang_getDiagnosticLocation (cx_api.clang_getDiagnosticLocation)
#define clang_getDiagnosticNumRanges (cx_api.clang_getDiagnosticNumRanges)
#define clang_getDiagnosticOption (cx_api.clang_getDiagnosticOption)
#define clang_getDiagnosticRange (cx_api.clang_getDiagnosticRange)
#define clang_getDiagnosticSeverity (cx_api.clang_getDiagnosticSeverity)
#define clang_getDiagnosticSpelling (cx_api.clang_getDiagnosticSpelling)
#define clang_getFile (cx_api.clang_getFile)
#define clang_getLocationForOffset (cx_api.clang_getLocationForOffset)
#define clang_getNullCursor (cx_api.clang_getNullCursor)
#define clang_getNumArgTypes (cx_api.clang_getNumArgTypes)
#define clang_getNumDiagnostics (cx_api.clang_getNumDiagnostics)
#define clang_getNumDiagnosticsInSet (cx_api.clang_getNumDiagnosticsInSet)
#define clang_getPointeeType (cx_api.clang_getPointeeType)
#define clang_getPresumedLocation (cx_api.clang_getPresumedLocation)
#define clang_getRangeEnd (cx_api.clang_getRangeEnd)
#define clang_getRangeStart (cx_api.clang_getRangeStart)
#define clang_getResultType (cx_api.clang_getResultType)
#define clang_getSpellingLocation (cx_api.clang_getSpellingLocation)
#define clang_getTranslationUnitCursor (cx_api.clang_getTranslationUnitCursor)
#define clang_getTranslationUnitTargetInfo (cx_api.clang_getTranslationUnitTargetInfo)
#define clang_getTypedefDeclUnderlyingType (cx_api.clang_getTypedefDeclUnderlyingType)
#define clang_getTypeSpelling (cx_api.clang_getTypeSpelling)
#define clang_hashCursor (cx_api.clang_hashCursor)
#define clang_isConstQualifiedType (cx_api.clang_isConstQualifiedType)
#define clang_isCursorDefinition (cx_api.clang_isCursorDefinition)
#define clang_isExpression (cx_api.clang_isExpression)
#define clang_isAttribute (cx_api.clang_isAttribute)
#define clang_isFunctionTypeVariadic (cx_api.clang_isFunctionTypeVariadic)
#define clang_isStatement (cx_api.clang_isStatement)
#define clang_isVolatileQualifiedType (cx_api.clang_isVolatileQualifiedType)
#define clang_parseTranslationUnit2 (cx_api.clang_parseTranslationUnit2)
#define clang_visitChildren (cx_api.clang_visitChildren)
#endif

#endif
