// The bash completion script. Verbs, flags and resource types are baked in; object names are
// asked from the cluster at completion time with `kctl get TYPE -o name` (errors swallowed, so a
// missing cluster just completes nothing).
import type { CompletionModel } from './completion-model.js';

/** Verbs whose first argument is a resource type and second an object name. */
export const RESOURCE_VERBS = ['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'wait', 'scale', 'rollout', 'logs', 'exec'];

function quoteWords(words: string[]): string {
  return words.join(' ');
}

export function bashCompletionScript(model: CompletionModel): string {
  const flagCases = model.commands
    .filter((c) => c.flags.length > 0)
    .map((c) => `        ${c.name}) flags="${quoteWords(c.flags)}" ;;`)
    .join('\n');
  const subcommandCases = model.commands
    .filter((c) => c.subcommands.length > 0)
    .map((c) => `        ${c.name}) subcommands="${quoteWords(c.subcommands)}" ;;`)
    .join('\n');
  return `# bash completion for kctl                                  -*- shell-script -*-
# Load with: source <(kctl completion bash)

__kctl_namespace_args() {
    local i
    for ((i = 1; i < \${#COMP_WORDS[@]} - 1; i++)); do
        case "\${COMP_WORDS[i]}" in
            -n|--namespace|--kubeconfig|--context) echo "\${COMP_WORDS[i]} \${COMP_WORDS[i+1]}" ;;
            -n=*|--namespace=*|--kubeconfig=*|--context=*) echo "\${COMP_WORDS[i]}" ;;
        esac
    done
}

__kctl_object_names() {
    # "pod/web-1" -> "web-1"; errors (no cluster) complete nothing.
    kctl get "$1" -o name $(__kctl_namespace_args) 2>/dev/null | sed 's|^[^/]*/||'
}

_kctl() {
    local cur="\${COMP_WORDS[COMP_CWORD]}"
    local prev="\${COMP_WORDS[COMP_CWORD-1]}"
    local commands="${quoteWords(model.commands.map((c) => c.name))}"
    local resource_types="${quoteWords(model.resourceTypes)}"
    local global_flags="${quoteWords(model.globalFlags)}"
    local resource_verbs=" ${quoteWords(RESOURCE_VERBS)} "

    # The verb and the positional words after it, skipping flags and their values.
    local verb="" words=() i w
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="\${COMP_WORDS[i]}"
        case "$w" in
            -n|--namespace|--kubeconfig|--context|-s|--server|-o|--output|-l|--selector|-p|--patch|--for|--timeout|-c|--container) ((i++)); continue ;;
            -*) continue ;;
        esac
        if [[ -z "$verb" ]]; then verb="$w"; else words+=("$w"); fi
    done

    case "$prev" in
        -n|--namespace) COMPREPLY=($(compgen -W "$(__kctl_object_names namespaces)" -- "$cur")); return ;;
        --context) COMPREPLY=($(compgen -W "$(kctl config get-contexts -o name 2>/dev/null)" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -W "json yaml name wide jsonpath= custom-columns=" -- "$cur")); return ;;
    esac

    if [[ -z "$verb" ]]; then
        if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$global_flags" -- "$cur"));
        else COMPREPLY=($(compgen -W "$commands" -- "$cur")); fi
        return
    fi

    if [[ "$cur" == -* ]]; then
        local flags=""
        case "$verb" in
${flagCases}
        esac
        COMPREPLY=($(compgen -W "$flags $global_flags" -- "$cur"))
        return
    fi

    local subcommands=""
    case "$verb" in
${subcommandCases}
    esac
    if [[ -n "$subcommands" ]]; then
        if [[ \${#words[@]} -eq 0 ]]; then
            COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
        elif [[ "$verb" == config && ( "\${words[0]}" == use-context || "\${words[0]}" == set-context || "\${words[0]}" == get-contexts ) ]]; then
            COMPREPLY=($(compgen -W "$(kctl config get-contexts -o name 2>/dev/null)" -- "$cur"))
        fi
        return
    fi

    if [[ "$verb" == completion ]]; then
        COMPREPLY=($(compgen -W "bash zsh" -- "$cur"))
        return
    fi

    if [[ "$resource_verbs" == *" $verb "* ]]; then
        if [[ \${#words[@]} -eq 0 ]]; then
            if [[ "$cur" == */* ]]; then
                # TYPE/NAME form: complete the name after the slash.
                local type="\${cur%%/*}"
                COMPREPLY=($(compgen -P "$type/" -W "$(__kctl_object_names "$type")" -- "\${cur#*/}"))
            else
                COMPREPLY=($(compgen -W "$resource_types" -- "$cur"))
            fi
        elif [[ "\${words[0]}" != */* ]]; then
            COMPREPLY=($(compgen -W "$(__kctl_object_names "\${words[0]}")" -- "$cur"))
        fi
    fi
}

complete -o default -F _kctl kctl
`;
}

/** zsh runs the same function through its bash-completion compatibility layer. */
export function zshCompletionScript(model: CompletionModel): string {
  return `#compdef kctl
# zsh completion for kctl. Load with: source <(kctl completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit

${bashCompletionScript(model)}`;
}
